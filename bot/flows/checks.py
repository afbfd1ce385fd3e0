"""Compare what the bot did at one step with what the flow expected, in words for the tester.

Replies and button labels are compared the way people read them (`comparable`): same letters,
any case, any Unicode form. Accents still count (unlike vntext.forms.fold): they change a
Vietnamese word's meaning.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from bot.core.events import Trace
from bot.flows.format import Expect


@dataclass(frozen=True)
class Difference:
    """One expectation that did not hold: what the flow wanted and what the bot did."""

    key: str
    expected: str
    got: str


def comparable(text: str) -> str:
    """Compare texts the way people read them: same letters, any case, any Unicode form."""
    return unicodedata.normalize("NFC", text).casefold()


def check(
    expect: Expect, replies: tuple[str, ...], buttons: tuple[str, ...], trace: Trace, deleted: int
) -> list[Difference]:
    """Every expectation of a step that did not hold."""
    said = comparable("\n".join(replies))
    labels = [comparable(label) for label in buttons]
    differences: list[Difference] = []

    def listed(items: tuple[str, ...] | list[str]) -> str:
        return ", ".join(f'"{item}"' for item in items)

    missing = [t for t in expect.reply_contains if comparable(t) not in said]
    if missing:
        differences.append(
            Difference(
                "reply_contains",
                listed(expect.reply_contains),
                f"not in the replies: {listed(missing)}",
            )
        )
    present = [t for t in expect.reply_not_contains if comparable(t) in said]
    if present:
        differences.append(
            Difference(
                "reply_not_contains",
                listed(expect.reply_not_contains),
                f"found in the replies: {listed(present)}",
            )
        )
    absent = [t for t in expect.buttons_contain if not any(comparable(t) in lb for lb in labels)]
    if absent:
        differences.append(
            Difference(
                "buttons_contain",
                listed(expect.buttons_contain),
                f"no such button: {listed(absent)}; buttons shown: {listed(buttons) or 'none'}",
            )
        )
    if expect.intent is not None and trace.intent != expect.intent:
        got = trace.intent or "none (no typed message, or the model was not used)"
        if trace.intent and trace.confidence is not None:
            got += f" (confidence {trace.confidence:.2f})"
        differences.append(Difference("intent", expect.intent, got))
    for key in ("urgent", "escalated"):
        wanted = getattr(expect, key)
        if wanted is not None and getattr(trace, key) != wanted:
            differences.append(Difference(key, _yes_no(wanted), _yes_no(getattr(trace, key))))
    for key in ("situation", "who", "when", "reply"):
        wanted = getattr(expect, key)
        if wanted is not None and getattr(trace, key) != wanted:
            differences.append(Difference(key, wanted, getattr(trace, key) or "none"))
    province = trace.province or ""
    if expect.province is not None and comparable(province) != comparable(expect.province):
        differences.append(Difference("province", expect.province, trace.province or "none"))
    lacking = [s for s in expect.services_include if s not in trace.services]
    if lacking:
        differences.append(
            Difference(
                "services_include",
                listed(expect.services_include),
                f"missing {listed(lacking)}; listed: {listed(trace.services) or 'none'}",
            )
        )
    if expect.deleted_messages is not None and deleted < expect.deleted_messages:
        differences.append(
            Difference("deleted_messages", f"at least {expect.deleted_messages}", str(deleted))
        )
    return differences


def _yes_no(value: bool) -> str:
    return "true" if value else "false"
