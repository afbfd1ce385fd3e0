"""The operators' command line for the referral directory: `python -m referral_db --help`.

The commands that change the directory are in edit.py, those that only read it in read.py."""

from __future__ import annotations

import click

from referral_db.cli import edit, read
from referral_db.cli.common import default_db_path

__all__ = ["cli", "default_db_path"]


@click.group()
def cli() -> None:
    """Manage An Tâm's referral directory of services (a SQLite database).

    Example:

    \b
        python -m referral_db init
    """


for command in (
    edit.init,
    edit.import_,
    edit.add,
    edit.update,
    edit.verify,
    edit.deactivate,
    edit.history,
    read.search,
    read.stale,
    read.coverage,
    read.export,
    read.backup,
):
    cli.add_command(command)
