"""The string protocols between packages, each checked against its one source.

- intents: nlu/intents.py against every `- intent:` in nlu/data/ (as `rasa data validate`
  does), and every intent answered by the policy with registered response keys;
- response keys: every key bot/ names (Say, OperatorNotice, render) is registered and renders
  in both languages;
- button actions: every action any reply renders has an explicit branch in
  policy.buttons.decide_button; a forged or stale one still gets the menu.
"""

from __future__ import annotations

import ast
import re
from fnmatch import fnmatch
from pathlib import Path

import pytest
import yaml

from bot.core import actions, cues
from bot.core.events import Button
from bot.core.language import LOCALES
from bot.core.policy import answers, buttons, decision, typed
from bot.core.session import Session
from bot.responses import Responses
from bot.responses.content import REGISTRY
from nlu import intents
from tests.test_responses import PARAMS, all_renders

ROOT = Path(__file__).resolve().parent.parent
FACTS = decision.Facts(session=Session(key="contract"))


@pytest.fixture(scope="module")
def responses() -> Responses:
    return Responses()


# ---- intents: nlu/intents.py is the domain; nlu/data must agree with it --------------------


def _examples(folder: Path) -> dict[str, list[str]]:
    """intent -> its example lines, over every YAML file in folder (Rasa's NLU format)."""
    found: dict[str, list[str]] = {}
    for path in sorted(folder.glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            if "intent" not in block:
                continue  # synonyms, regexes and lookups name no intent
            lines = [
                line.strip()[2:].strip()
                for line in (block.get("examples") or "").splitlines()
                if line.strip().startswith("- ")
            ]
            found.setdefault(block["intent"], []).extend(lines)
    return found


@pytest.fixture(scope="module")
def trained() -> dict[str, list[str]]:
    return _examples(ROOT / "nlu" / "data")


def test_the_intent_list_has_no_duplicates_and_survivors_are_intents() -> None:
    assert len(intents.ALL) == len(set(intents.ALL))
    assert intents.SURVIVOR_INTENTS <= intents.INTENTS


def test_every_listed_intent_has_training_lines(trained) -> None:
    # rasa data validate: "The intent 'x' is listed in the domain file, but is not found in the
    # NLU training data" -- the model could never predict it.
    assert [i for i in intents.ALL if not trained.get(i)] == []


def test_every_trained_intent_is_listed(trained) -> None:
    # rasa data validate: "The intent 'x' is in the NLU training data, but is not listed in
    # the domain" -- a typo in a data file trains an intent nothing answers.
    assert sorted(set(trained) - intents.INTENTS) == []


def test_every_held_out_intent_is_listed() -> None:
    assert sorted(set(_examples(ROOT / "nlu" / "tests")) - intents.INTENTS) == []


def test_no_example_is_labelled_with_two_intents(trained) -> None:
    # rasa data validate: "The example 'x' was found labeled with multiple different intents".
    markup = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}")
    labels: dict[str, set[str]] = {}
    for intent, lines in trained.items():
        for line in lines:
            text = markup.sub(lambda m: m.group(1) or m.group(2) or "", line)
            labels.setdefault(text, set()).add(intent)
    assert {t: sorted(i) for t, i in labels.items() if len(i) > 1} == {}


def test_readme_lists_the_intents_in_order() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"\*\*Intents\*\* \(what the bot can understand\):(.*?)\.\n", readme, re.S)
    assert match is not None
    assert [w.strip() for w in match.group(1).split(",")] == list(intents.ALL)


@pytest.mark.parametrize("intent", intents.ALL)
@pytest.mark.parametrize("province", [None, "Lạng Sơn"])
def test_every_intent_is_answered_with_registered_keys(intent: str, province) -> None:
    """Every intent has a response key of its own or an explicit branch in the policy."""
    query = decision.ServiceQuery(province=province) if province else None
    answer = answers.decide_intent(intent, None, FACTS.session, query)
    assert answer.say or answer.wipe or answer.find_services, intent
    assert [s.key for s in answer.say if s.key not in REGISTRY] == []


def test_policy_intent_sets_name_only_listed_intents() -> None:
    for module, name in (
        (answers, "PLACE_AWARE"),
        (answers, "SURVIVOR_INTENTS"),
        (answers, "OFFER_PERSON"),
        (typed, "_NOT_A_TOPIC"),
    ):
        assert getattr(module, name) <= intents.INTENTS, name
    assert set(buttons.MENU_ACTIONS.values()) <= REGISTRY.keys()


# ---- response keys: every key bot/ names is registered and renders in vi and en ----------

# Calls that name a response key, and which argument is the key.
_KEY_CALLS = {"Say": 0, "topic_reply": 0, "OperatorNotice": 1, "render": 0, "_render": 0}
# Calls whose key is a variable passed through, each covered elsewhere:
#   (file, function (a glob), expression): why it is safe.
_PASS_THROUGH = {
    # A Say the policy decided, re-wrapped or rendered: its key was collected where it was made.
    ("bot/core/engine.py", "_carry_out", "s.key"),
    # The policy's own helper: its callers' keys are collected.
    ("bot/core/policy/answers.py", "topic_reply", "key"),
    # MENU_ACTIONS values: test_policy_intent_sets_name_only_listed_intents.
    ("bot/core/policy/buttons.py", "*decide_button", "key"),
    # "topic:<name>" for a name in actions.TOPICS: test_topic_family_is_registered.
    ("bot/core/policy/buttons.py", "*decide_button", "action"),
    # Any intent: test_every_intent_is_answered_with_registered_keys.
    ("bot/core/policy/answers.py", "decide_intent", "intent"),
    # The operators' desk renders the keys the core hands it (OperatorNotice.key) or its own.
    ("bot/channels/telegram/operators/desk.py", "_render", "key"),
    ("bot/channels/telegram/operators/desk.py", "notice", "action.key"),
}


def _calls(path: Path):
    """(enclosing function, call name, key expression) for each key-naming call in path."""
    tree = ast.parse(path.read_text(encoding="utf-8"))

    def walk(node: ast.AST, function: str):
        for child in ast.iter_child_nodes(node):
            is_def = isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            inner = child.name if is_def else function
            if isinstance(child, ast.Call):
                f = child.func
                name = f.id if isinstance(f, ast.Name) else getattr(f, "attr", None)
                if name in _KEY_CALLS and _names_a_key(f):
                    index = _KEY_CALLS[name]
                    key = (
                        child.args[index]
                        if len(child.args) > index
                        else next((k.value for k in child.keywords if k.arg == "key"), None)
                    )
                    if key is not None:
                        yield function, name, key
            yield from walk(child, inner)

    yield from walk(tree, "")


def _names_a_key(func: ast.expr) -> bool:
    """render() on the Responses (self.responses, app.responses), not a page's own render."""
    if isinstance(func, ast.Attribute) and func.attr == "render":
        return isinstance(func.value, ast.Attribute) and func.value.attr == "responses"
    return True


def _literal_keys(expr: ast.expr) -> list[str] | None:
    """The keys an expression can be: a string, either arm of a conditional; else None."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return [expr.value]
    if isinstance(expr, ast.IfExp):
        body, orelse = _literal_keys(expr.body), _literal_keys(expr.orelse)
        return body + orelse if body is not None and orelse is not None else None
    return None


def _is_topic_family(expr: ast.expr) -> bool:
    return (
        isinstance(expr, ast.JoinedStr)
        and isinstance(expr.values[0], ast.Constant)
        and expr.values[0].value == f"{actions.TOPIC}:"
    )


def used_keys() -> tuple[dict[str, str], list[str], set[tuple[str, str, str]]]:
    """(literal key -> where, unexplained dynamic keys, pass-throughs seen) over bot/."""
    keys: dict[str, str] = {}
    unexplained: list[str] = []
    seen: set[tuple[str, str, str]] = set()
    for path in sorted((ROOT / "bot").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("bot/responses/"):  # the voice itself: it defines keys, uses none
            continue
        for function, _name, expr in _calls(path):
            literal = _literal_keys(expr)
            if literal is not None:
                for key in literal:
                    keys.setdefault(key, f"{rel}:{expr.lineno}")
            elif _is_topic_family(expr):
                keys.update({actions.topic(t): f"{rel}:{expr.lineno}" for t in _topic_names()})
            elif entry := _pass_through(rel, function, ast.unparse(expr)):
                seen.add(entry)
            else:
                unexplained.append(f"{rel}:{expr.lineno} {function}: {ast.unparse(expr)}")
    return keys, unexplained, seen


def _pass_through(path: str, function: str, expr: str) -> tuple[str, str, str] | None:
    return next(
        (
            entry
            for entry in _PASS_THROUGH
            if entry[0] == path and fnmatch(function, entry[1]) and entry[2] == expr
        ),
        None,
    )


def _topic_names() -> set[str]:
    """Every name an f"topic:{...}" key can take: the pages cues find by name, and TOPICS."""
    return {name for name, _pattern in cues._TOPICS} | actions.TOPICS  # noqa: SLF001


def test_the_walk_finds_the_keys_it_should() -> None:
    keys, _, _ = used_keys()
    for key in ("urgent", "menu", "operator_closed", "wiped", "not_a_tester", "topic:sv_72h"):
        assert key in keys, key


def test_every_dynamic_key_is_explained() -> None:
    """A key built from a variable must be one the tests above can enumerate."""
    _, unexplained, seen = used_keys()
    # Name the key as a string literal, or add the call to _PASS_THROUGH with the test that
    # enumerates its values.
    assert unexplained == []
    assert _PASS_THROUGH - seen == set()  # an entry whose call is gone: delete it


def test_every_key_used_in_bot_is_registered() -> None:
    keys, _, _ = used_keys()
    assert {k: where for k, where in keys.items() if k not in REGISTRY} == {}


def test_every_key_used_in_bot_renders_in_both_languages(responses) -> None:
    keys, _, _ = used_keys()
    for key in sorted(keys):
        for params in PARAMS.get(key, [{}]):
            texts = {loc: responses.render(key, loc, **params).text for loc in LOCALES}
            assert all(t.strip() for t in texts.values()), (key, params)


def test_topic_family_is_registered() -> None:
    registered = {k.split(":", 1)[1] for k in REGISTRY if k.startswith(f"{actions.TOPIC}:")}
    assert registered == actions.TOPICS
    assert {name for name, _pattern in cues._TOPICS} <= actions.TOPICS  # noqa: SLF001


# ---- button actions: every rendered action has an explicit branch in the policy ------------


@pytest.fixture(scope="module")
def rendered(responses) -> dict[str, tuple[str, str]]:
    """action -> (key, locale) of a reply that renders it, over every key and its params."""
    found: dict[str, tuple[str, str]] = {}
    extra = [  # every option a "not sure" reply may offer, one at a time
        ("clarify", loc, {"options": (name, "legal_info")}, None)
        for name in sorted(answers.SURVIVOR_INTENTS)
        for loc in LOCALES
    ]
    for key, locale, params, reply in [*all_renders(responses), *extra]:
        if reply is None:
            reply = responses.render(key, locale, **params)
        for row in reply.buttons:
            for button in row:
                assert isinstance(button, Button)
                found.setdefault(button.action, (key, locale))
    return found


def _operators_only(action: str) -> bool:
    return actions.CASE_BUTTON.match(action) is not None


def test_the_renders_reach_every_kind_of_action(rendered) -> None:
    kinds = {actions.parse(a)[0] for a in rendered}
    assert {
        "menu",
        "consent",
        "safe",
        "pick",
        "topic",
        "lang",
        "prov",
        "end_chat",
        "claim",
        "close",
    } <= kinds


def test_every_rendered_action_has_an_explicit_policy_branch(rendered) -> None:
    unhandled = {
        action: where
        for action, where in rendered.items()
        if not _operators_only(action)
        and buttons.decide_button(action, FACTS) is buttons.UNKNOWN_BUTTON
    }
    assert unhandled == {}


def test_every_rendered_action_leads_to_registered_keys(rendered) -> None:
    for action in rendered:
        if not _operators_only(action):
            answer = buttons.decide_button(action, FACTS)
            assert [s.key for s in answer.say if s.key not in REGISTRY] == [], action


def test_case_buttons_only_on_operator_replies(rendered) -> None:
    for action, (key, _locale) in rendered.items():
        assert _operators_only(action) == key.startswith("operator_"), (action, key)


def test_case_buttons_match_the_operators_handler() -> None:
    operators = pytest.importorskip("bot.channels.telegram.operators.callbacks")
    assert operators.CASE_BUTTON.pattern == actions.CASE_BUTTON.pattern


def test_every_action_fits_telegram_callback_data(rendered) -> None:
    # Telegram's InlineKeyboardButton.callback_data is 1-64 bytes.
    assert [a for a in rendered if not 1 <= len(a.encode("utf-8")) <= 64] == []


@pytest.mark.parametrize(
    "action",
    [
        "",
        "nonsense",
        "menu:",
        "menu:nothing",
        "consent:maybe",
        "safe:",
        "pick:greet",
        "pick:",
        "topic:",
        "topic:no_such_page",
        "lang:fr",
        "lang:",
        "prov:",
        "claim:12",
        "close:12",
        "end_chat:now",
    ],
)
def test_a_forged_or_stale_action_gets_the_menu(action: str) -> None:
    answer = buttons.decide_button(action, FACTS)
    assert answer is buttons.UNKNOWN_BUTTON
    assert [s.key for s in answer.say] == ["menu"]


def test_constructors_and_parse_agree() -> None:
    for make, kind in (
        (actions.pick, "pick"),
        (actions.topic, "topic"),
        (actions.lang, "lang"),
        (actions.prov, "prov"),
    ):
        assert actions.parse(make("x_y")) == (kind, "x_y")
    assert actions.CASE_BUTTON.match(actions.claim(7)) and actions.CASE_BUTTON.match(
        actions.close(7)
    )
    assert actions.consent(True) == actions.CONSENT_YES and actions.safe(False) == actions.SAFE_NO
