"""Read flow files (YAML) into Flow values, naming the file, line and key of every mistake.

The reader keeps every mistake instead of stopping at the first, and suggests the closest key
or intent ("Did you mean ...?"): the people who write flows fix them from this message alone.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.core.language import LOCALES
from bot.flows.format import (
    ACTIONS,
    EXPECT_KEYS,
    FLOW_KEYS,
    INTENTS,
    SITUATIONS,
    STEP_KEYS,
    WHEN,
    WHO,
    Expect,
    Flow,
    Step,
)

_CHOICES = {"situation": SITUATIONS, "who": WHO, "when": WHEN}
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_NULL = "tag:yaml.org,2002:null"


@dataclass(frozen=True)
class Mistake:
    """One mistake in a flow file, with where it is."""

    path: Path
    line: int | None
    key: str | None
    message: str

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f", line {self.line}"
        if self.key:
            where += f', key "{self.key}"'
        return f"{where}: {self.message}"


class FlowFileError(Exception):
    """A flow file has mistakes; nothing in it was run."""

    def __init__(self, path: Path, mistakes: list[Mistake]) -> None:
        super().__init__("\n".join(str(m) for m in mistakes))
        self.path = path
        self.mistakes = mistakes


def load(path: Path | str) -> list[Flow]:
    """The flows in one file; raises FlowFileError listing every mistake found."""
    path = Path(path)
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        mistake = Mistake(path, None, None, f"cannot read the file ({error})")
        raise FlowFileError(path, [mistake]) from None
    return parse(source, path)


def parse(source: str, path: Path | str = "<flow>") -> list[Flow]:
    """The flows in YAML text; path only names the file in mistakes."""
    reader = _Reader(Path(path))
    try:
        root = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = error.problem or "it is not valid YAML"
        raise FlowFileError(
            reader.path,
            [
                Mistake(
                    reader.path,
                    line,
                    None,
                    f"this is not valid YAML: {problem} "
                    "(check the indentation, colons and quotes)",
                )
            ],
        ) from None
    except yaml.YAMLError:
        raise FlowFileError(
            reader.path, [Mistake(reader.path, None, None, "this is not valid YAML")]
        ) from None
    flows = reader.file(root)
    if reader.mistakes:
        raise FlowFileError(reader.path, reader.mistakes)
    return flows


def find_files(paths: list[Path]) -> list[Path]:
    """Flow files named directly, and every .yml/.yaml file under named folders, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in (".yml", ".yaml")))
        else:
            found.append(path)
    return found


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


class _Reader:
    """Walks the composed YAML nodes, keeping every mistake instead of stopping at the first."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.mistakes: list[Mistake] = []

    def fail(self, node: yaml.Node | None, key: str | None, message: str) -> None:
        line = _line(node) if node is not None else None
        self.mistakes.append(Mistake(self.path, line, key, message))

    # -- structure ----------------------------------------------------------------------------

    def file(self, root: yaml.Node | None) -> list[Flow]:
        if root is None:
            self.fail(None, None, "the file is empty: write a flow with name and steps")
            return []
        if not isinstance(root, yaml.MappingNode):
            self.fail(root, None, "a flow file starts with 'name:' and 'steps:' (or 'flows:')")
            return []
        pairs = self.pairs(root, (*FLOW_KEYS, "flows"), "flow setting")
        if "flows" in pairs:
            extra = [k for k in pairs if k != "flows"]
            for key in extra:
                self.fail(
                    pairs[key][0],
                    key,
                    "with 'flows:', put each flow's settings inside its own item of the list",
                )
            items = pairs["flows"][1]
            if not isinstance(items, yaml.SequenceNode) or not items.value:
                self.fail(items, "flows", "must be a list of flows, each starting with '- name:'")
                return []
            flows = []
            for item in items.value:
                if not isinstance(item, yaml.MappingNode):
                    self.fail(item, "flows", "each flow is a group with 'name:' and 'steps:'")
                    continue
                flow = self.flow(item, self.pairs(item, FLOW_KEYS, "flow setting"))
                if flow is not None:
                    flows.append(flow)
            return flows
        flow = self.flow(root, pairs)
        return [flow] if flow is not None else []

    def pairs(
        self, node: yaml.MappingNode, allowed: tuple[str, ...], what: str
    ) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """The mapping's (key node, value node) by key name; unknown and repeated keys fail."""
        found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f' Did you mean "{close[0]}"?' if close else ""
                self.fail(key_node, key, f"unknown {what}.{hint} Allowed: {', '.join(allowed)}")
            elif key in found:
                self.fail(key_node, key, "appears twice here; keep one")
            else:
                found[key] = (key_node, value_node)
        return found

    def flow(self, node: yaml.MappingNode, pairs: dict) -> Flow | None:
        before = len(self.mistakes)
        name = self.text(pairs["name"][1], "name") if "name" in pairs else None
        if "name" not in pairs:
            self.fail(node, "name", "every flow needs a name (one line saying what it checks)")
        locale = None
        if "locale" in pairs:
            locale = self.text(pairs["locale"][1], "locale")
            if locale is not None and locale not in LOCALES:
                self.fail(pairs["locale"][1], "locale", f"must be one of: {', '.join(LOCALES)}")
        tester = bool(self.boolean(pairs["tester"][1], "tester")) if "tester" in pairs else False
        steps: list[Step] = []
        if "steps" not in pairs:
            self.fail(node, "steps", "every flow needs steps: a list of things the user does")
        else:
            items = pairs["steps"][1]
            if not isinstance(items, yaml.SequenceNode) or not items.value:
                self.fail(
                    items,
                    "steps",
                    "must be a list, each step starting with '- user:', "
                    "'- command:', '- press:' or '- location:'",
                )
            else:
                for item in items.value:
                    step = self.step(item)
                    if step is not None:
                        steps.append(step)
        if len(self.mistakes) > before or name is None:
            return None
        return Flow(
            name=name,
            path=self.path,
            line=_line(node),
            steps=tuple(steps),
            locale=locale,
            tester=tester,
        )

    def step(self, node: yaml.Node) -> Step | None:
        if not isinstance(node, yaml.MappingNode):
            self.fail(
                node,
                None,
                "a step is a group such as '- user: \"xin chào\"' with an "
                "optional 'expect:' below it",
            )
            return None
        pairs = self.pairs(node, STEP_KEYS, "step key")
        actions = [key for key in ACTIONS if key in pairs]
        if len(actions) != 1:
            said = ", ".join(actions) if actions else "none"
            self.fail(
                node,
                None,
                "each step needs exactly one of user, command, press or "
                f"location (this one has: {said})",
            )
            return None
        action = actions[0]
        value = pairs[action][1]
        expect = self.expect(pairs["expect"][1]) if "expect" in pairs else Expect()
        if action == "location":
            point = self.location(value)
            return Step(_line(node), action, location=point, expect=expect) if point else None
        text = self.text(value, action)
        if text is None:
            return None
        if action == "command":
            text = text if text.startswith("/") else "/" + text
            if len(text.split()[0]) < 2:
                self.fail(value, action, 'write the command with its name, such as "/start"')
                return None
        return Step(_line(node), action, text=text, expect=expect)

    def expect(self, node: yaml.Node) -> Expect:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, "expect", "must be a group of expectations such as 'urgent: true'")
            return Expect()
        pairs = self.pairs(node, EXPECT_KEYS, "expectation")
        values: dict[str, object] = {}
        for key, (_, value) in pairs.items():
            if key in (
                "reply_contains",
                "reply_not_contains",
                "buttons_contain",
                "services_include",
            ):
                texts = self.texts(value, key)
                if texts:
                    values[key] = texts
            elif key in ("urgent", "escalated"):
                values[key] = self.boolean(value, key)
            elif key == "deleted_messages":
                values[key] = self.count(value, key)
            elif key == "intent":
                intent = self.text(value, key)
                if intent is not None and intent not in INTENTS:
                    close = difflib.get_close_matches(intent, sorted(INTENTS), n=1)
                    hint = f' Did you mean "{close[0]}"?' if close else ""
                    self.fail(value, key, f'"{intent}" is not an intent the bot knows.{hint}')
                values[key] = intent
            elif key in _CHOICES:
                chosen = self.text(value, key)
                if chosen is not None and chosen not in _CHOICES[key]:
                    allowed = ", ".join(sorted(_CHOICES[key]))
                    self.fail(value, key, f'"{chosen}" is not one of: {allowed}.')
                values[key] = chosen
            else:  # province, reply
                values[key] = self.text(value, key)
        return Expect(**values)  # type: ignore[arg-type]

    # -- values -------------------------------------------------------------------------------

    def text(self, node: yaml.Node, key: str) -> str | None:
        # The raw scalar, so `user: yes` or `user: 113` stay the words she typed.
        if not isinstance(node, yaml.ScalarNode) or node.tag == _NULL or not node.value.strip():
            self.fail(node, key, "must be a single piece of text (put it in quotes)")
            return None
        return str(node.value)

    def texts(self, node: yaml.Node, key: str) -> tuple[str, ...]:
        if isinstance(node, yaml.ScalarNode):
            one = self.text(node, key)
            return (one,) if one is not None else ()
        if isinstance(node, yaml.SequenceNode) and node.value:
            found = [self.text(item, key) for item in node.value]
            return tuple(t for t in found if t is not None)
        self.fail(node, key, 'must be a text or a list of texts, such as ["113", "111"]')
        return ()

    def boolean(self, node: yaml.Node, key: str) -> bool | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == _BOOL:
            return node.value.lower() in ("true", "yes", "on", "y")
        self.fail(node, key, "must be true or false")
        return None

    def count(self, node: yaml.Node, key: str) -> int | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == _INT and node.value.isdigit():
            return int(node.value)
        self.fail(node, key, "must be a whole number, 0 or more")
        return None

    def location(self, node: yaml.Node) -> tuple[float, float] | None:
        numbers: list[float] = []
        if isinstance(node, yaml.SequenceNode) and len(node.value) == 2:
            for item in node.value:
                if isinstance(item, yaml.ScalarNode) and item.tag in (_INT, _FLOAT):
                    try:
                        numbers.append(float(item.value.replace("_", "")))
                    except ValueError:  # YAML 1.1 sexagesimal or hex: not a coordinate
                        pass
        if len(numbers) != 2 or not all(math.isfinite(n) for n in numbers):
            self.fail(node, "location", "must be [latitude, longitude], such as [21.853, 106.761]")
            return None
        lat, lon = numbers
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            self.fail(node, "location", "latitude must be -90..90 and longitude -180..180")
            return None
        return (lat, lon)
