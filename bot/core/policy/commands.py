"""Decide for what carries no words for the model: a /command and a shared location."""

from __future__ import annotations

from bot.core.policy.decision import Decision, Facts, Say, ServiceQuery
from referral_db.geo import in_viet_nam


def decide_command(name: str, args: tuple[str, ...], facts: Facts) -> Decision:
    """Decide for a /command. Commands never reach the NLU."""
    if name == "start":
        return Decision(say=(Say("ask_safe"),), next_state="safe")
    if name in ("menu", "cancel"):
        return Decision(say=(Say("menu"),))
    if name == "help":
        return Decision(say=(Say("help"),))
    if name in ("language", "lang"):
        return Decision(say=(Say("language_choose"),))
    if name == "privacy":
        return Decision(say=(Say("privacy"),))
    if name in ("wipe", "delete", "exit"):
        return Decision(wipe=True)
    if name == "end":
        return Decision(end_relay=True)
    if name == "testmode":
        if not facts.is_tester:
            return Decision(say=(Say("not_a_tester"),))
        on = not args or args[0].lower() in ("on", "1", "true", "bat")
        return Decision(say=(Say("start_test_mode" if on else "stop_test_mode"),), test_mode=on)
    return Decision(say=(Say("help"),))


def decide_location(point: tuple[float, float]) -> Decision:
    """A shared location: services nearest to it; outside Viet Nam, what helps someone abroad
    first (the directory lists services in Viet Nam only)."""
    find = ServiceQuery(near=point)
    if in_viet_nam(*point):
        return Decision(find_services=find)
    return Decision(say=(Say("location_abroad"),), find_services=find)
