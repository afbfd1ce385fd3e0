"""The composed training data: deterministic, complete, unique, and what the files hold."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml

from nlu import compose, compose_lines, compose_recipes, compose_styles
from vntext.forms import fold


@pytest.fixture(scope="module")
def parts() -> compose_lines.Parts:
    return compose_lines.load_parts()


@pytest.fixture(scope="module")
def composed(parts: compose_lines.Parts) -> compose.Composed:
    return compose.compose(parts)


def hand_written_intents() -> set[str]:
    intents = set()
    for path in compose.DATA_DIR.glob("*.yml"):
        if path.name.startswith("composed_"):
            continue
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or ():
            if "intent" in block:
                intents.add(block["intent"])
    return intents


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def test_the_same_lines_every_run(parts: compose_lines.Parts, composed: compose.Composed) -> None:
    assert compose.compose(parts).lines == composed.lines


def test_every_intent_is_covered(composed: compose.Composed) -> None:
    missing = hand_written_intents() - {i for i, rows in composed.lines.items() if rows}
    assert not missing
    assert set(compose_recipes.COUNTS) >= hand_written_intents()


def test_each_intent_gets_its_count(composed: compose.Composed) -> None:
    short = {
        i: len(composed.lines[i])
        for i, n in compose_recipes.COUNTS.items()
        if len(composed.lines[i]) < n
    }
    assert not short, f"parts too few for the count asked: {short}"


def test_no_line_repeats_another_or_a_hand_written_one(composed: compose.Composed) -> None:
    keys = [compose.dedupe_key(t) for rows in composed.lines.values() for t, _ in rows]
    assert len(keys) == len(set(keys))
    assert not set(keys) & compose.existing_lines()


def test_every_writing_variant_is_used(composed: compose.Composed) -> None:
    counts = composed.counts()
    for style in compose_styles.STYLES:
        assert sum(n for (_, s), n in counts.items() if s == style) > 300


def test_many_lines_are_long(composed: compose.Composed) -> None:
    lengths = sorted(
        len(t)
        for i, rows in composed.lines.items()
        if i not in compose_recipes.SMALL_TALK
        for t, _ in rows
    )
    assert lengths[len(lengths) // 2] >= 100  # median like real messages (~130 characters)
    assert sum(n >= 250 for n in lengths) > 300
    assert sum(n <= 30 for n in lengths) > 100  # and short cries too


# Words that mean danger now (nlu/LABELS.md): a line holding one is urgent_help.
DANGER = (
    "giet",
    "bop co",
    "cam dao",
    "tu tu",
    "kill",
    "knife",
    "choke",
    "strangl",
    "chet cho xong",
    "khong muon song",
)


def test_danger_words_stay_in_urgent_help(composed: compose.Composed) -> None:
    survivors = set(compose_recipes.RECIPES) - {"urgent_help", "quick_exit"}
    leaked = [
        t for i in survivors for t, _ in composed.lines[i] if any(d in fold(t) for d in DANGER)
    ]
    assert not leaked[:5]


def test_everyday_danger_words_are_out_of_scope(composed: compose.Composed) -> None:
    everyday = " ".join(fold(t) for t, _ in composed.lines["out_of_scope"])
    for borrowed in ("muon chet", "chet mat", "killing me", "killing time", "chay mau cam"):
        assert borrowed in everyday


@pytest.mark.parametrize("seed", range(5))
def test_teencode_writes_chat_code(parts: compose_lines.Parts, seed: int) -> None:
    out = compose_styles.teencode(
        "chồng em đang đánh em", random.Random(seed), rate=1.0, table=parts.transforms["teencode"]
    )
    assert {"ck", "e"} <= words(out)
    assert words(out) & {"đag", "dag", "đg", "dnag"}


def test_teencode_sometimes_keeps_a_word(parts: compose_lines.Parts) -> None:
    outs = {
        compose_styles.teencode(
            "chồng em đang đánh em", random.Random(s), rate=0.5, table=parts.transforms["teencode"]
        )
        for s in range(30)
    }
    assert len(outs) > 5
    assert all(words(o) & {"ck", "e", "chồng", "em"} for o in outs)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Đà Lạt", "Da Lat"),
        ("chồng em đang đánh em", "chong em dang danh em"),
        ("Cho Em Hỏi", "Cho Em Hoi"),
    ],
)
def test_strip_accents_keeps_case(text: str, expected: str) -> None:
    assert compose_styles.strip_accents(text) == expected


def test_mixing_brings_in_english(parts: compose_lines.Parts) -> None:
    for seed in range(10):
        out = compose_styles.mix_english(
            "em muốn ly hôn, cho em số đường dây nóng", random.Random(seed), parts.transforms
        )
        assert words(out) & {
            "divorce",
            "hotline",
            "help",
            "please",
            "pls",
            "thanks",
            "hi",
            "hello",
            "dear",
            "plz",
            "sorry",
            "admin",
            "ad",
            "thank",
            "you",
        }


def test_typos_change_little(parts: compose_lines.Parts) -> None:
    text = "chồng em hay kiểm tra điện thoại của em"
    for seed in range(10):
        out = compose_styles.typos(text, random.Random(seed))
        assert out != text
        assert abs(len(out) - len(text)) <= 2


def test_the_files_on_disk_are_what_the_generator_writes(composed: compose.Composed) -> None:
    for path, text in compose.outputs(composed).items():
        assert Path(path).read_text(encoding="utf-8") == text, (
            f"{path.name} is out of date or edited by hand: run python -m nlu.compose"
        )


def test_rasa_reads_every_line(composed: compose.Composed) -> None:
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

    read = 0
    for path, text in compose.outputs(composed).items():
        data = RasaYAMLReader().reads(text)
        read += len(data.intent_examples)
        assert not data.entity_examples, f"{path.name}: a line reads as entity markup"
    assert read == sum(len(rows) for rows in composed.lines.values())


def test_the_classifier_weights_composed_lines() -> None:
    import os

    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

    from nlu.components.classifier import TfidfLogisticRegressionClassifier

    config = {**TfidfLogisticRegressionClassifier.get_default_config(), "composed_weight": 0.5}
    component = TfidfLogisticRegressionClassifier(config, "clf", None, None)  # type: ignore[arg-type]
    composed = compose.Composed({"greet": [("chào chị", "vi_accented")]})
    text = compose.outputs(composed)[compose.DATA_DIR / compose.OTHER_FILE]
    composed_line = RasaYAMLReader().reads(text).intent_examples[0]
    plain = 'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - chào chị\n'
    hand_written = RasaYAMLReader().reads(plain).intent_examples[0]
    assert component._weight(composed_line) == 0.5
    assert component._weight(hand_written) == 1.0
