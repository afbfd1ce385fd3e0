"""The policy is pure: danger first, then the person, her question and the conversation so far."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.core.policy.buttons import decide_button
from bot.core.policy.commands import decide_command
from bot.core.policy.decision import KEEP, Facts, Thresholds, fingerprint
from bot.core.policy.typed import before_model, decide_text
from bot.core.safety import Urgency
from bot.core.session import Session
from bot.core.understanding import Understanding
from nlu.client import Parse

SESSION = Session(key="k")
FACTS = Facts(session=SESSION)
T = Thresholds(intent=0.5, urgent=0.5)
URGENT = Urgency(is_urgent=True, reasons=("violence_now",))
CALM = Urgency(is_urgent=False)


def understood(
    intent: str | None = None,
    confidence: float = 0.9,
    urgency: Urgency = CALM,
    province: tuple[str, str | None] | None = None,
    ranking: tuple[tuple[str, float], ...] = (),
    **kw,
) -> Understanding:
    parse = None if intent is None else Parse(intent, confidence, ranking=ranking)
    intents = ranking or (((intent, confidence),) if intent else ())
    fields = dict(
        language="vi",
        urgency=urgency,
        parse=parse,
        intents=intents,
        province=province,
        who="self",
        when="past_or_ongoing",
        minor=False,
        abroad=False,
        place_only=False,
        model_urgent=False,
    )
    fields.update(kw)
    return Understanding(**fields)  # type: ignore[arg-type]


def keys(decision) -> list[str]:
    return [say.key for say in decision.say]


def first_params(decision) -> dict:
    return decision.say[0].params


def test_urgency_outranks_every_intent() -> None:
    decision = decide_text(understood("greet", 0.99, URGENT), FACTS, T)
    assert keys(decision) == ["urgent"] and decision.next_state == "consent"
    assert first_params(decision)["situation"] == "violence"


def test_urgent_with_a_province_also_lists_services() -> None:
    decision = decide_text(understood(None, urgency=URGENT, province=("Lạng Sơn", None)), FACTS, T)
    assert keys(decision) == ["urgent"]
    assert decision.find_services is not None
    assert decision.find_services.province == "Lạng Sơn"


@pytest.mark.parametrize(
    "reasons, who, sexual, situation",
    [
        (("suicide_self_harm",), "self", False, "suicide"),
        (("suicide_self_harm", "injury"), "self", False, "suicide"),
        (("violence_now",), "self", True, "rape_now"),
        (("trafficking_now",), "self", False, "held"),
        (("violence_now",), "someone_else", False, "someone_else"),
        (("child_danger",), "child_self", False, "child_self"),
        (("violence_now", "suicide_self_harm"), "self", False, "suicide"),
    ],
)
def test_each_danger_gets_its_own_first_reply(reasons, who, sexual, situation) -> None:
    u = understood(None, urgency=Urgency(True, reasons), who=who, sexual=sexual)
    assert first_params(decide_text(u, FACTS, T))["situation"] == situation


def test_suicide_with_someone_hurting_her_adds_the_police() -> None:
    u = understood(None, urgency=Urgency(True, ("violence_now", "suicide_self_harm")))
    assert first_params(decide_text(u, FACTS, T))["injured"] is True


def test_suicide_never_gets_the_partner_violence_reply_and_a_repeat_continues() -> None:
    u = understood(None, urgency=Urgency(True, ("suicide_self_harm",)))
    first = decide_text(u, FACTS, T)
    session = SESSION.with_(**first.remember)
    second = decide_text(u, replace(FACTS, session=session), T)
    assert first_params(first)["repeat"] == 0 and first_params(second)["repeat"] == 1
    assert fingerprint(first.say[0]) != fingerprint(second.say[0])


def test_no_model_means_the_menu_not_silence() -> None:
    decision = decide_text(understood(None), FACTS, T)
    assert keys(decision) == ["nlu_loading"] and decision.next_state == KEEP


def test_unsure_offers_the_likeliest_needs_then_a_person() -> None:
    ranking = (("report_abuse", 0.3), ("greet", 0.2), ("legal_info", 0.15), ("thanks", 0.1))
    u = understood("report_abuse", 0.3, ranking=ranking)
    first = decide_text(u, FACTS, T)
    assert keys(first) == ["clarify"]
    assert first_params(first)["options"] == ("report_abuse", "legal_info")
    again = decide_text(u, replace(FACTS, session=SESSION.with_(**first.remember)), T)
    assert keys(again) == ["clarify_again"]


def test_a_place_alone_is_a_place_not_a_gbv_intent() -> None:
    u = understood("report_abuse", 0.9, province=("Hồ Chí Minh", None), place_only=True)
    decision = decide_text(u, FACTS, T)
    assert keys(decision) == [] and decision.find_services is not None


def test_a_place_after_an_offer_of_services_finds_them() -> None:
    offered = replace(FACTS, session=SESSION.with_(services_offered=True))
    decision = decide_text(understood("greet", 0.3, province=("Huế", None)), offered, T)
    assert decision.find_services is not None and decision.find_services.province == "Huế"


def test_low_confidence_small_talk_with_a_place_is_not_a_search() -> None:
    decision = decide_text(understood("greet", 0.3, province=("Hà Nội", None)), FACTS, T)
    assert keys(decision) == ["clarify"]


def test_find_services_without_place_asks_for_it_or_uses_the_remembered_one() -> None:
    decision = decide_text(understood("find_services"), FACTS, T)
    assert keys(decision) == ["ask_province"] and decision.next_state == "province"
    known = replace(FACTS, session=SESSION.with_(province="Cần Thơ"))
    assert decide_text(understood("find_services"), known, T).find_services is not None


def test_a_province_answers_the_pending_question_whatever_the_intent() -> None:
    pending = replace(FACTS, session=Session(key="k", state="province"))
    decision = decide_text(understood("out_of_scope", province=("Hà Nội", None)), pending, T)
    assert decision.find_services is not None


@pytest.mark.parametrize("intent, opens", [("affirm", True), ("deny", False)])
def test_yes_or_no_answers_consent(intent: str, opens: bool) -> None:
    facts = replace(FACTS, session=Session(key="k", state="consent"), operators_open=True)
    decision = decide_text(understood(intent), facts, T)
    assert decision.escalate is opens
    assert decision.decline_escalation is not opens


def test_recent_rape_gets_medical_care_and_services_not_the_menu() -> None:
    u = understood("sexual_violence", when="recent", province=("Hà Nội", None))
    decision = decide_text(u, FACTS, T)
    assert keys(decision) == ["sexual_assault_recent"] and decision.find_services is not None


def test_a_child_speaking_for_herself_is_not_thanked_for_caring() -> None:
    decision = decide_text(understood("child_abuse", who="child_self"), FACTS, T)
    assert first_params(decision) == {"who": "child_self"}


def test_images_of_a_minor_are_flagged_for_take_it_down() -> None:
    decision = decide_text(understood("online_abuse", minor=True), FACTS, T)
    assert first_params(decision) == {"minor": True}


def test_a_page_named_in_her_words_answers_the_question() -> None:
    decision = decide_text(understood("legal_info", topic="divorce_custody"), FACTS, T)
    assert keys(decision) == ["topic:divorce_custody"]


def test_a_follow_up_continues_the_topic() -> None:
    after = replace(FACTS, session=SESSION.with_(topic="urgent"))
    decision = decide_text(understood("out_of_scope", followup="what_now"), after, T)
    assert keys(decision) == ["next_steps"] and first_params(decision) == {"topic": "urgent"}


def test_anyone_there_while_waiting_for_a_counsellor() -> None:
    waiting = replace(FACTS, session=SESSION.with_(topic="talk_to_human"), case="open")
    decision = decide_text(understood("greet", followup="anyone_there"), waiting, T)
    assert first_params(decision) == {"topic": "talk_to_human"}


def test_the_same_reply_never_goes_out_twice_in_a_row() -> None:
    u = understood("legal_info")
    first = decide_text(u, FACTS, T)
    session = SESSION.with_(**first.remember)
    second = decide_text(u, replace(FACTS, session=session), T)
    assert keys(second) == ["next_steps"]
    third = decide_text(u, replace(FACTS, session=session.with_(**second.remember)), T)
    assert keys(third) == ["talk_to_human"] and third.next_state == "consent"


def test_quick_exit_wipes() -> None:
    assert decide_text(understood("quick_exit"), FACTS, T).wipe


def test_relay_and_flood_are_decided_before_the_model() -> None:
    calm, danger = understood(None), understood(None, urgency=URGENT)
    claimed = replace(FACTS, case="claimed")
    assert before_model(calm, claimed).relay
    urgent = before_model(danger, claimed)
    assert urgent.relay and keys(urgent) == ["urgent"]
    child = before_model(understood(None, urgency=URGENT, who="child_self"), claimed)
    assert first_params(child)["situation"] == "child_self"  # the right person, relayed too
    flooding = replace(FACTS, flooding=True)
    assert keys(before_model(calm, flooding)) == ["flood"]
    assert keys(before_model(calm, replace(flooding, warned=True))) == []
    assert before_model(danger, flooding) is None  # danger is always answered
    cue = understood(None, danger_cue=True)
    assert before_model(cue, replace(flooding, warned=True)) is None  # a danger word too


def test_the_model_alone_never_sends_the_emergency_script() -> None:
    decision = decide_text(understood("urgent_help", 0.9), FACTS, T)
    assert keys(decision) == ["clarify"]


def test_someone_else_in_danger_is_answered_for_them_even_if_suicidal() -> None:
    u = understood(None, urgency=Urgency(True, ("suicide_self_harm",)), who="someone_else")
    params = first_params(decide_text(u, FACTS, T))
    assert params["situation"] == "someone_else" and params["suicide"] is True


def test_a_new_danger_gets_its_full_first_reply() -> None:
    first = decide_text(understood(None, urgency=URGENT), FACTS, T)
    session = SESSION.with_(**first.remember)
    suicide = understood(None, urgency=Urgency(True, ("suicide_self_harm",)))
    assert first_params(decide_text(suicide, replace(FACTS, session=session), T))["repeat"] == 0


def test_a_calm_turn_ends_the_continuing_replies() -> None:
    first = decide_text(understood(None, urgency=URGENT), FACTS, T)
    calm = decide_text(
        understood("thanks"), replace(FACTS, session=SESSION.with_(**first.remember)), T
    )
    session = SESSION.with_(**first.remember).with_(**calm.remember)
    again = decide_text(understood(None, urgency=URGENT), replace(FACTS, session=session), T)
    assert first_params(again)["repeat"] == 0


def test_a_long_story_that_names_a_place_is_answered_not_only_listed() -> None:
    offered = replace(FACTS, session=SESSION.with_(services_offered=True))
    u = understood("report_abuse", 0.4, province=("Hà Nội", None), length=120)
    decision = decide_text(u, offered, T)
    assert keys(decision) and keys(decision) != []


def test_an_unsure_off_topic_guess_is_not_sure() -> None:
    assert keys(decide_text(understood("out_of_scope", 0.5), FACTS, T)) == ["clarify"]
    assert keys(decide_text(understood("out_of_scope", 0.9), FACTS, T)) == ["out_of_scope"]


def test_a_button_answer_is_remembered_so_typing_it_next_moves_forward() -> None:
    pressed = decide_button("menu:rights", FACTS)
    session = SESSION.with_(**pressed.remember)
    typed = decide_text(understood("legal_info"), replace(FACTS, session=session), T)
    assert keys(typed) == ["next_steps"]


@pytest.mark.parametrize(
    "facts, key, opens",
    [
        (replace(FACTS, operators_open=True), "consent_opened", True),
        (FACTS, "consent_outside_hours", False),
        (replace(FACTS, case="open"), "consent_opened", False),
        (replace(FACTS, session=SESSION.with_(test_mode=True)), "consent_test_nowhere", False),
    ],
)
def test_the_escalation_outcome_is_decided_from_the_facts(facts, key, opens) -> None:
    decision = decide_button("consent:yes", facts)
    assert keys(decision) == [key] and decision.escalate is opens


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
        ("menu:learn", "learn"),
        ("menu:help", "urgent"),
        ("pick:legal_info", "legal_info"),
        ("pick:nonsense", "menu"),
        ("topic:sextortion", "topic:sextortion"),
        ("something-stale", "menu"),
    ],
)
def test_buttons(action: str, key: str) -> None:
    assert keys(decide_button(action, FACTS)) == [key]


def test_person_offer_waits_for_consent() -> None:
    assert decide_button("menu:human", FACTS).next_state == "consent"


@pytest.mark.parametrize(
    "name, key", [("start", "ask_safe"), ("privacy", "privacy"), ("nonsense", "help")]
)
def test_commands(name: str, key: str) -> None:
    assert keys(decide_command(name, (), FACTS)) == [key]


def test_testmode_only_for_testers() -> None:
    assert decide_command("testmode", ("on",), FACTS).test_mode is None
    tester = replace(FACTS, is_tester=True)
    assert decide_command("testmode", ("on",), tester).test_mode is True
    assert decide_command("testmode", ("off",), tester).test_mode is False


def test_rape_words_and_last_night_open_the_72_hour_window_over_a_broader_reading() -> None:
    ranking = (("report_abuse", 0.5), ("sexual_violence", 0.3))
    u = understood("report_abuse", 0.5, ranking=ranking, sexual=True, when="recent")
    assert keys(decide_text(u, FACTS, T)) == ["sexual_assault_recent"]


def test_a_page_named_in_her_words_outranks_a_weak_other_request() -> None:
    unsure = understood("find_services", 0.4, topic="men_victims")
    assert keys(decide_text(unsure, FACTS, T)) == ["topic:men_victims"]
    weak_but_confident = understood("find_services", 0.55, topic="men_victims")
    assert keys(decide_text(weak_but_confident, FACTS, T)) == ["topic:men_victims"]
    sure = understood("find_services", 0.9, topic="men_victims")
    assert keys(decide_text(sure, FACTS, T)) == ["ask_province"]


def test_a_girl_who_names_her_mother_is_still_a_child_speaking() -> None:
    u = understood("child_abuse", who="child_self", minor=True, adult_other=True)
    assert keys(decide_text(u, FACTS, T)) == ["child_abuse"]
    adult = understood("child_abuse", who="someone_else", adult_other=True)
    assert keys(decide_text(adult, FACTS, T)) == ["help_someone_else"]
