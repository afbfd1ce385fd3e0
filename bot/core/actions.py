"""Button actions: what a button sends back when pressed, built and parsed only here.

A reply renders a `Button(label, action)`; the channel hands the action back as
`Incoming(kind="button", text=action)` and `policy.decide_button` reads it. Both sides use
this module, so an action can't be spelled one way where it is made and another where it is
read. tests/test_contracts.py renders every reply and checks that the policy has an explicit
branch for each action it finds. An unknown or forged action still gets the menu.

Telegram caps an action (callback_data) at 64 bytes: keep values short.
"""

from __future__ import annotations

import re

# -- plain actions -----------------------------------------------------------------------------
MENU = "menu"  # back to the main menu
END_CHAT = "end_chat"  # she ends the chat with her counsellor

# The main menu's buttons.
MENU_HELP = "menu:help"
MENU_SERVICES = "menu:services"
MENU_ONLINE = "menu:online"
MENU_RIGHTS = "menu:rights"
MENU_HUMAN = "menu:human"
MENU_LEARN = "menu:learn"
MENU_LANGUAGE = "menu:language"
MENU_WIPE = "menu:wipe"

# Answers to the two questions the bot asks with buttons.
CONSENT_YES = "consent:yes"  # "Shall a counsellor contact you here?"
CONSENT_NO = "consent:no"
SAFE_YES = "safe:yes"  # "Is it safe to talk now?"
SAFE_NO = "safe:no"

# -- actions with a value: "<kind>:<value>" ---------------------------------------------------
PICK = "pick"  # pick:<intent>, a "not sure" option
TOPIC = "topic"  # topic:<name>, a "more" page; the action is also the page's response key
LANG = "lang"  # lang:<locale>
PROV = "prov"  # prov:<province>, a province tapped on the "which province?" reply
CLAIM = "claim"  # claim:<case id>, operators' group only
CLOSE = "close"  # close:<case id>, operators' group only

# The "more" pages a topic button opens (bot/responses/content/topics.py and awareness.py register
# each as the response key "topic:<name>"; tests/test_contracts.py checks the two lists agree).
# The policy opens only these: a forged "topic:..." gets the menu, not a missing page.
TOPICS: frozenset[str] = frozenset(
    {
        # safety planning
        "emergency_bag",
        "documents",
        "code_word",
        "safer_places",
        "during_incident",
        # digital safety
        "sextortion",
        "stalkerware",
        "accounts",
        "impersonation",
        "doxxing",
        "cyberstalking",
        "scams",
        "bot_safety",
        "who_reads_messages",
        # the law
        "dv_law",
        "protection_orders",
        "report_police",
        "gender_equality_law",
        "legal_aid",
        "divorce_custody",
        "hotline_cost",
        # learning about violence
        "forms_of_violence",
        "action_month",
        "sixteen_days",
        "myths",
        "men_victims",
        "harassment",
        "forced_marriage",
        "scams_abroad",
        # after rape
        "sv_72h",
    }
)

# The operators' case buttons, as the Telegram operators' desk matches them
# (bot/channels/telegram/operators/).
CASE_BUTTON = re.compile(rf"^({CLAIM}|{CLOSE}):(\d+)$")


def consent(yes: bool) -> str:
    return CONSENT_YES if yes else CONSENT_NO


def safe(yes: bool) -> str:
    return SAFE_YES if yes else SAFE_NO


def pick(intent: str) -> str:
    return f"{PICK}:{intent}"


def topic(name: str) -> str:
    return f"{TOPIC}:{name}"


def lang(locale: str) -> str:
    return f"{LANG}:{locale}"


def prov(province: str) -> str:
    return f"{PROV}:{province}"


def claim(case_id: int) -> str:
    return f"{CLAIM}:{case_id}"


def close(case_id: int) -> str:
    return f"{CLOSE}:{case_id}"


def parse(action: str) -> tuple[str, str]:
    """(kind, value): "topic:accounts" -> ("topic", "accounts"), "menu" -> ("menu", "")."""
    kind, _, value = action.partition(":")
    return kind, value
