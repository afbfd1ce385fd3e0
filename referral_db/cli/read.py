"""The directory commands that only read it: search (exactly as the bot does), stale and
coverage for operators' checks, export for spreadsheets, and backup."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

import click

from referral_db.cli.common import db_option, demo_option, open_reader
from referral_db.files import write_rows
from referral_db.provinces import lookup as resolve_place
from referral_db.service import Service
from referral_db.validate import CATEGORIES


def _point(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    try:
        lat, lon = (float(part) for part in value.split(","))
    except ValueError:
        raise click.BadParameter("should be LAT,LON such as 21.853,106.761") from None
    return lat, lon


@click.command()
@db_option
@click.option("--province", default=None, help="Province, old or new name, accents optional.")
@click.option("--commune", default=None, help="Commune or ward (part of its name is enough).")
@click.option("--category", type=click.Choice(CATEGORIES), default=None, help="Kind of service.")
@click.option(
    "--near",
    callback=_point,
    default=None,
    metavar="LAT,LON",
    help="Nearest first from this point.",
)
@click.option("--text", default=None, help="Words in names and notes, accents optional.")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    help="At most this many local services.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of lines.")
@demo_option
def search(
    db_path: Path | None,
    province: str | None,
    commune: str | None,
    category: str | None,
    near: tuple[float, float] | None,
    text: str | None,
    limit: int,
    as_json: bool,
    demo: bool,
) -> None:
    """Search local services exactly as the bot does; national lines are listed after.

    --province takes what people type: a province old or new, a city, town or former
    district ("Nha Trang" finds Khánh Hòa), accents optional.

    Example:

    \b
        python -m referral_db search --province "Bac Lieu" --category shelter
    """
    directory = open_reader(db_path, demo=demo)
    if province:
        match = resolve_place(province)
        if match is None:
            raise click.ClickException(
                f"{province!r} is not a province, former province, city or district I know"
            )
        if not as_json and (match.place or match.formerly or match.province != province):
            click.echo(
                f"{province} -> {match.province}"
                + (f" (including former {match.formerly})" if match.formerly else "")
            )
        province = match.province
    found = directory.search(
        province=province,
        commune=commune,
        category=category,
        near=near,
        text=text,
        limit=limit + 1,
    )
    more, found = len(found) > limit, found[:limit]
    national = directory.national_lines()
    others = directory.national_services(category)
    if as_json:
        click.echo(
            f'{{"services": {_as_json(found)}, "national": {_as_json(national)}, '
            f'"national_services": {_as_json(others)}}}'
        )
        return
    for service in found:
        click.echo(_line(service))
    if more:
        click.echo(f"(more: raise --limit above {limit})")
    if not found:
        click.echo("no local services match")
    click.echo("national: " + "; ".join(f"{s.name_vi} {', '.join(s.phones)}" for s in national))
    for service in others:
        click.echo("national service: " + _line(service))


@click.command()
@db_option
@click.option(
    "--days",
    type=click.IntRange(min=0),
    default=180,
    show_default=True,
    help="Verified longer ago than this counts as stale.",
)
@demo_option
def stale(db_path: Path | None, days: int, demo: bool) -> None:
    """List active services never verified, or not in the last --days days, oldest first.

    Call each one, then record it with `verify` (see referral_db/README.md).

    Example:

    \b
        python -m referral_db stale --days 90
    """
    found = open_reader(db_path, demo=demo).stale(days)
    for service in found:
        verified = service.last_verified.isoformat() if service.last_verified else "never"
        click.echo(f"{verified}  {_line(service)}")
    never = sum(1 for s in found if s.last_verified is None)
    click.echo(
        f"{len(found)} to check: {never} never verified, "
        f"{len(found) - never} verified more than {days} days ago"
    )


@click.command()
@db_option
@demo_option
def coverage(db_path: Path | None, demo: bool) -> None:
    """Show, per province, the local services by category and how they are known.

    confirmed = an operator verified it by phone; unconfirmed = from a public source only,
    shown with that label; held = inactive, kept for operators and never shown. Provinces
    with nothing to show are listed last: there the bot says it has no local service yet
    and gives the national lines.

    Example:

    \b
        python -m referral_db coverage
    """
    directory = open_reader(db_path, demo=demo)
    rows = directory.coverage()
    width = max(len(c.province) for c in rows)
    totals: dict[str, int] = {"confirmed": 0, "unconfirmed": 0, "held": 0}
    for row in rows:
        if not row.counts:
            continue
        parts = []
        for category, states in row.counts.items():
            for state, n in states.items():
                totals[state] += n
            parts.append(
                f"{category} "
                + "/".join(
                    f"{states[st]} {st}"
                    for st in ("confirmed", "unconfirmed", "held")
                    if st in states
                )
            )
        click.echo(f"{row.province:<{width}}  {row.shown:>2} shown  " + "; ".join(parts))
    none = [c.province for c in rows if c.shown == 0]
    national = directory.national_lines() + directory.national_services()
    click.echo(
        f"{len(rows) - len(none)} of {len(rows)} provinces have local services: "
        f"{totals['confirmed']} confirmed, {totals['unconfirmed']} unconfirmed, "
        f"{totals['held']} held"
    )
    click.echo(
        f"national: {len(national)} services "
        f"({sum(1 for s in national if s.last_verified)} confirmed)"
    )
    click.echo(f"no local service ({len(none)}): " + ", ".join(none))


@click.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json"]),
    default=None,
    help="Output format.  [default: from the file name, else csv]",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file instead of standard output.",
)
def export(db_path: Path | None, fmt: str | None, output: Path | None) -> None:
    """Write every service (inactive ones too) as CSV or JSON, in the format import reads.

    A CSV file opens cleanly in LibreOffice and Excel: UTF-8 with a byte-order mark, Windows
    line ends, and a cell starting with =, +, - or @ written with an apostrophe before it so
    that it is never run as a formula (import removes the apostrophe again).

    Example:

    \b
        python -m referral_db export -o services.csv
    """
    fmt = fmt or ("json" if output and output.suffix.casefold() == ".json" else "csv")
    rows = open_reader(db_path).export_rows()
    if output is None:
        write_rows(rows, fmt, sys.stdout)
        return
    # utf-8-sig: the byte-order mark tells Excel the file is UTF-8 (LibreOffice reads both).
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    with output.open("w", encoding=encoding, newline="") as out:
        write_rows(rows, fmt, out)
    click.echo(f"{len(rows)} services written to {output}", err=True)


@click.command()
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def backup(target: Path, db_path: Path | None) -> None:
    """Copy the database to TARGET with SQLite's online backup (safe while the bot runs).

    Example:

    \b
        python -m referral_db backup backups/directory-2025-11-22.db
    """
    if target.exists():
        raise click.ClickException(f"{target} exists; choose a new file name")
    open_reader(db_path).backup(target)
    click.echo(f"backed up to {target}")


def _line(service: Service) -> str:
    distance = f"  {service.distance_km:.1f} km" if service.distance_km is not None else ""
    place = service.province or "national"
    flags = ("" if service.active else "  [inactive]") + ("  [demo]" if service.demo else "")
    if not service.demo:
        flags += (
            f"  [confirmed {service.last_verified.isoformat()}]"
            if service.last_verified
            else f"  [unconfirmed, source {service.source_date or 'undated'}]"
        )
    phones = ", ".join(service.phones) or "-"
    kind = f"({service.category}, {place})"
    return f"{service.id}  {service.name_vi}  {kind}  {phones}{distance}{flags}"


def _as_json(services: list[Service]) -> str:
    def encode(s: Service) -> dict[str, Any]:
        data = dataclasses.asdict(s)
        data["last_verified"] = s.last_verified.isoformat() if s.last_verified else None
        return data

    return json.dumps([encode(s) for s in services], ensure_ascii=False, indent=2)
