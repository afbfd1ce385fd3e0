"""Compose long, realistic NLU training lines from parts: `python -m nlu.compose`.

Real messages are long, background first and the question last, addressed to someone, about
herself, a child or another woman, and typed with or without diacritics, in chat code, in
English or mixed. This module builds such lines from the parts in `nlu/compose_parts/*.yml`:
opener x who x what happened x when x what she asks x how she writes, with the label decided
as `nlu/LABELS.md` says (the question decides; danger now anywhere makes it urgent_help).
Output: `nlu/data/composed_*.yml`, the same every run (fixed seed per intent).

This module makes the whole set and writes it; what a line of each intent is made of is in
`nlu.compose_recipes`, one line is drawn by `nlu.compose_lines` and retyped by
`nlu.compose_styles`.
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import click
import yaml

from nlu.compose_lines import (
    Parts,
    compose_everyday,
    compose_line,
    compose_short,
    compose_small,
    load_parts,
)
from nlu.compose_recipes import COUNTS, RECIPES, SMALL_TALK
from nlu.compose_styles import STYLE_WEIGHTS, STYLES, write_as, write_en
from vntext.forms import fold

NLU_DIR = Path(__file__).resolve().parent
DATA_DIR = NLU_DIR / "data"
TESTS_DIR = NLU_DIR / "tests"
SEED = "an-tam-compose-1"

SURVIVOR_FILE = "composed_survivors.yml"
OTHER_FILE = "composed_other.yml"


# --- the whole set ---------------------------------------------------------------------------


def dedupe_key(text: str) -> str:
    """Lines equal after folding, dropping punctuation and spaces count as one."""
    return re.sub(r"[\W_]+", "", fold(text))


def existing_lines(exclude_prefix: str = "composed_") -> set[str]:
    """Keys of every hand-written training line and every held-out line: never regenerated."""
    keys: set[str] = set()
    paths = [p for p in sorted(DATA_DIR.glob("*.yml")) if not p.name.startswith(exclude_prefix)]
    for path in paths + sorted(TESTS_DIR.glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in document.get("nlu") or ():
            for line in str(block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    keys.add(dedupe_key(line[2:]))
    return keys


@dataclass
class Composed:
    """The generated lines: per intent, (text, style) in generation order."""

    lines: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def counts(self) -> Counter[tuple[str, str]]:
        """(intent, style) -> number of lines."""
        return Counter((i, s) for i, rows in self.lines.items() for _, s in rows)


def _clean(text: str) -> str:
    # Rasa reads [text](entity) as entity markup and a leading "/" as an intent.
    text = text.replace("[", "(").replace("]", ")").lstrip("/").strip()
    return re.sub(r"\s+", " ", text)


def compose(
    parts: Parts | None = None,
    counts: dict[str, int] | None = None,
    exclude: Iterable[str] | None = None,
) -> Composed:
    """Every composed line, deterministically: one random stream per intent, seeded by name."""
    parts = parts or load_parts()
    counts = counts or COUNTS
    seen = set(existing_lines() if exclude is None else exclude)
    result = Composed()
    styles, weights = zip(*STYLE_WEIGHTS.items())
    for intent, target in counts.items():
        rng = random.Random(f"{SEED}:{intent}")
        rows: list[tuple[str, str]] = []
        attempts = 0
        while len(rows) < target and attempts < target * 30:
            attempts += 1
            style = rng.choices(styles, weights)[0]
            text = _clean(_one(intent, style, parts, rng))
            key = dedupe_key(text)
            if not key or key in seen or len(text) > 600:
                continue
            seen.add(key)
            rows.append((text, style))
        result.lines[intent] = rows
    return result


def _one(intent: str, style: str, parts: Parts, rng: random.Random) -> str:
    lang = "en" if style == "en" else "vi"
    p = parts.en if lang == "en" else parts.vi
    if intent in SMALL_TALK or (intent == "quick_exit" and rng.random() < 0.3):
        text = compose_small(intent, lang, parts.small, rng)
    elif intent == "out_of_scope":
        text = compose_everyday(lang, p, parts.small, rng)
    else:
        weights, recipes = zip(*RECIPES[intent])
        recipe = rng.choices(recipes, weights)[0]
        if recipe.short:
            text = compose_short(lang, intent, p, rng)
        else:
            text = compose_line(
                lang, recipe, p, rng, english=parts.en if style == "mixed" else None
            )
    if lang == "en":
        return write_en(text, rng)
    return write_as(style, text, rng, parts.transforms)


def render(composed: Composed, intents: Iterable[str], title: str) -> str:
    """Rasa NLU YAML for the given intents, one block each."""
    out = [
        'version: "3.1"',
        "",
        f"# {title}",
        "# Generated by `python -m nlu.compose` from nlu/compose_parts/*.yml: do not edit by",
        "# hand, edit the parts and regenerate (tests/test_nlu_compose.py checks it is current).",
        "",
        "nlu:",
    ]
    for intent in intents:
        rows = composed.lines.get(intent) or []
        if not rows:
            continue
        # The block's metadata lets the classifier weight composed lines (composed_weight).
        out += [f"- intent: {intent}", "  metadata:", "    source: composed", "  examples: |"]
        out += [f"    - {text}" for text, _ in rows]
    return "\n".join(out) + "\n"


def outputs(composed: Composed) -> dict[Path, str]:
    """File path -> contents for everything the generator writes."""
    survivors = [i for i in composed.lines if i not in SMALL_TALK and i != "out_of_scope"]
    others = [i for i in composed.lines if i in SMALL_TALK or i == "out_of_scope"]
    return {
        DATA_DIR / SURVIVOR_FILE: render(
            composed, survivors, "Composed lines for the survivor intents."
        ),
        DATA_DIR / OTHER_FILE: render(
            composed, others, "Composed lines for small talk and out_of_scope."
        ),
    }


def stats(composed: Composed) -> str:
    """A table of lines per intent and writing variant."""
    counts = composed.counts()
    header = f"{'intent':22}" + "".join(f"{s:>12}" for s in STYLES) + f"{'total':>8}"
    rows = [header]
    for intent in composed.lines:
        per = [counts[(intent, s)] for s in STYLES]
        rows.append(f"{intent:22}" + "".join(f"{n:>12}" for n in per) + f"{sum(per):>8}")
    totals = [sum(counts[(i, s)] for i in composed.lines) for s in STYLES]
    rows.append(f"{'total':22}" + "".join(f"{n:>12}" for n in totals) + f"{sum(totals):>8}")
    return "\n".join(rows)


@click.command()
@click.option("--check", is_flag=True, help="Only check that the files on disk are current.")
@click.option("--stats", "show_stats", is_flag=True, help="Print lines per intent and style.")
def main(check: bool, show_stats: bool) -> None:
    """Write nlu/data/composed_*.yml from the parts in nlu/compose_parts/.

    Example: python -m nlu.compose --stats
    """
    composed = compose()
    files = outputs(composed)
    if check:
        stale = [
            p.name
            for p, text in files.items()
            if not p.exists() or p.read_text(encoding="utf-8") != text
        ]
        if stale:
            raise click.ClickException(f"Out of date, run python -m nlu.compose: {stale}")
        click.echo("composed files are current")
        return
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
        click.echo(f"wrote {path.relative_to(NLU_DIR.parent)}", err=True)
    if show_stats:
        click.echo(stats(composed))


if __name__ == "__main__":
    sys.exit(main())
