"""Run the operators' command line: `python -m referral_db --help`."""

from __future__ import annotations

from referral_db.cli import cli

if __name__ == "__main__":
    cli(prog_name="python -m referral_db")
