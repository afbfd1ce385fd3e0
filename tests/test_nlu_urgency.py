"""The danger-now vote (nlu.components.urgency) and the lemmas that keep 'ốm' apart from 'ôm'."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

from rasa.nlu.constants import TOKENS_NAMES  # noqa: E402
from rasa.shared.nlu.constants import TEXT  # noqa: E402
from rasa.shared.nlu.training_data.message import Message  # noqa: E402

from nlu.components.urgency import URGENT, reweighed  # noqa: E402
from nlu.components.vietnamese import VietnameseNormalizer, lemma  # noqa: E402


def _ranking(**confidences: float) -> list[dict[str, object]]:
    return [{"name": n, "confidence": c} for n, c in confidences.items()]


def test_urgent_share_is_set_and_the_rest_keep_their_order_and_total():
    ranking = _ranking(report_abuse=0.5, urgent_help=0.3, legal_info=0.2)
    new = reweighed(ranking, 0.05)
    assert [r["name"] for r in new] == ["report_abuse", "legal_info", URGENT]
    assert sum(r["confidence"] for r in new) == pytest.approx(1.0)
    assert dict((r["name"], r["confidence"]) for r in new)[URGENT] == pytest.approx(0.05)
    share = {r["name"]: r["confidence"] for r in new}
    assert share["report_abuse"] / share["legal_info"] == pytest.approx(0.5 / 0.2)


def test_urgent_is_added_when_the_ranking_had_cut_it_off():
    new = reweighed(_ranking(report_abuse=0.6, legal_info=0.4), 0.9)
    assert new[0] == {"name": URGENT, "confidence": 0.9}
    assert sum(r["confidence"] for r in new) == pytest.approx(1.0)


def test_an_empty_ranking_gets_only_the_vote():
    assert reweighed([], 0.7) == [{"name": URGENT, "confidence": 0.7}]


@pytest.mark.parametrize(
    "word, expected",
    [("ốm", "ombenh"), ("Ốm", "ombenh"), ("ờm", "uhm"), ("ừm", "uhm"), ("ôm", "om"), ("om", "om")],
)
def test_ill_and_um_keep_their_own_lemma_when_accented(word, expected):
    assert lemma(word) == expected


def test_the_tokenizer_uses_those_lemmas():
    normalizer = VietnameseNormalizer(VietnameseNormalizer.get_default_config())
    message = Message({TEXT: "ờm thì em bị ốm, anh ta ôm em"})
    normalizer.process([message])
    lemmas = [t.lemma for t in message.get(TOKENS_NAMES[TEXT])]
    assert lemmas == ["uhm", "thi", "em", "bi", "ombenh", "anh", "ta", "om", "em"]
