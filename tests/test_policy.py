"""The policy is pure: urgency first, then the pending question, then the intent."""

from __future__ import annotations

import pytest

from bot.core.policy import KEEP, Thresholds, decide_button, decide_command, decide_text
from bot.core.safety import Urgency
from bot.core.session import Session
from nlu.client import Parse

SESSION = Session(key="k")
T = Thresholds(intent=0.5, urgent=0.5)
URGENT = Urgency(is_urgent=True, reasons=("violence_now",))
CALM = Urgency(is_urgent=False)


def keys(decision) -> list[str]:
    return [say.key for say in decision.say]


def test_urgency_outranks_every_intent() -> None:
    decision = decide_text(URGENT, Parse("greet", 0.99), None, SESSION, T)
    assert keys(decision) == ["urgent"] and decision.next_state == "consent"


def test_urgent_with_a_province_also_lists_services() -> None:
    decision = decide_text(URGENT, None, ("Lạng Sơn", None), SESSION, T)
    assert keys(decision) == ["urgent"]
    assert decision.find_services is not None
    assert decision.find_services.province == "Lạng Sơn"


def test_no_model_means_the_menu_not_silence() -> None:
    decision = decide_text(CALM, None, None, SESSION, T)
    assert keys(decision) == ["nlu_loading"] and decision.next_state == KEEP


def test_low_confidence_asks_again() -> None:
    assert keys(decide_text(CALM, Parse("report_abuse", 0.2), None, SESSION, T)) == ["clarify"]


def test_low_confidence_with_a_named_place_still_finds_help() -> None:
    decision = decide_text(CALM, Parse("find_services", 0.45), ("Cà Mau", "Bạc Liêu"), SESSION, T)
    assert decision.find_services is not None
    assert decision.find_services.formerly == "Bạc Liêu"


def test_low_confidence_small_talk_with_a_place_is_not_a_search() -> None:
    decision = decide_text(CALM, Parse("greet", 0.3), ("Hà Nội", None), SESSION, T)
    assert keys(decision) == ["clarify"]


def test_find_services_without_place_asks_for_it() -> None:
    decision = decide_text(CALM, Parse("find_services", 0.9), None, SESSION, T)
    assert keys(decision) == ["ask_province"] and decision.next_state == "province"


def test_a_province_answers_the_pending_question_whatever_the_intent() -> None:
    pending = Session(key="k", state="province")
    decision = decide_text(CALM, Parse("out_of_scope", 0.9), ("Hà Nội", None), pending, T)
    assert decision.find_services is not None


@pytest.mark.parametrize(
    "state, intent, expected",
    [("consent", "affirm", True), ("consent", "deny", False)],
)
def test_yes_or_no_answers_consent(state: str, intent: str, expected: bool) -> None:
    decision = decide_text(CALM, Parse(intent, 0.9), None, Session(key="k", state=state), T)
    assert decision.escalate is expected
    assert decision.decline_escalation is not expected


def test_quick_exit_wipes() -> None:
    assert decide_text(CALM, Parse("quick_exit", 0.9), None, SESSION, T).wipe


@pytest.mark.parametrize(
    "action, key",
    [
        ("safe:yes", "menu"),
        ("safe:no", "not_now"),
        ("menu:online", "digital_safety_tips"),
        ("menu:rights", "legal_info"),
        ("menu:human", "talk_to_human"),
        ("menu:language", "language_choose"),
        ("menu:services", "ask_province"),
        ("topic:sextortion", "topic:sextortion"),
        ("something-stale", "menu"),
    ],
)
def test_buttons(action: str, key: str) -> None:
    assert keys(decide_button(action, SESSION)) == [key]


def test_person_offer_waits_for_consent() -> None:
    assert decide_button("menu:human", SESSION).next_state == "consent"


@pytest.mark.parametrize(
    "name, key", [("start", "ask_safe"), ("privacy", "privacy"), ("nonsense", "help")]
)
def test_commands(name: str, key: str) -> None:
    assert keys(decide_command(name, (), SESSION, is_tester=False)) == [key]


def test_testmode_only_for_testers() -> None:
    assert decide_command("testmode", ("on",), SESSION, is_tester=False).test_mode is None
    assert decide_command("testmode", ("on",), SESSION, is_tester=True).test_mode is True
    assert decide_command("testmode", ("off",), SESSION, is_tester=True).test_mode is False
