"""Write a flow run as a report people can read, and as JUnit XML for CI."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from bot.core.events import Trace
from bot.flows.runner import FlowOutcome, RunOutcome, StepOutcome

REPLY_CHARS = 160  # enough to recognise a reply; whole replies would drown the report
HEADERS = {
    "core": "Flows run through the bot's core, in test mode.",
    "telegram": "Flows run through the real Telegram adapter against a fake Bot API on "
    "127.0.0.1, in test mode.",
}


def trim(text: str, limit: int = REPLY_CHARS) -> str:
    """One line, cut to limit characters with an ellipsis."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def describe_trace(trace: Trace) -> str:
    """The trace values on one line, in words a tester can check."""
    confidence = "-" if trace.confidence is None else f"{trace.confidence:.2f}"
    reasons = f" ({', '.join(trace.urgent_reasons)})" if trace.urgent_reasons else ""
    return (
        f"language={trace.language or '-'} intent={trace.intent or '-'} "
        f"confidence={confidence} urgent={str(trace.urgent).lower()}{reasons} "
        f"province={trace.province or '-'} services={', '.join(trace.services) or '-'} "
        f"escalated={str(trace.escalated).lower()} who={trace.who or '-'} "
        f"when={trace.when or '-'} situation={trace.situation or '-'} reply={trace.reply or '-'}"
    )


def step_failure(step: StepOutcome) -> list[str]:
    """The lines explaining one failed step: what was done, expected, and what the bot said."""
    lines = [f"step {step.number} (line {step.step.line}): {step.step.describe()}"]
    if step.problem:
        lines.append(f"  could not run: {step.problem}")
        return lines
    for difference in step.differences:
        lines.append(f"  expected {difference.key}: {difference.expected}")
        lines.append(f"  {'got':<{len('expected ' + difference.key)}}: {difference.got}")
    lines.append("  the bot said:")
    lines.extend(f'    "{trim(reply)}"' for reply in step.replies)
    if not step.replies:
        lines.append("    (nothing)")
    if step.buttons:
        lines.append(f"  buttons: {', '.join(repr(b) for b in step.buttons)}")
    if step.deleted:
        lines.append(f"  messages deleted: {step.deleted}")
    if step.operator_cards:
        lines.append("  operators paged (test mode, recorded only)")
    lines.append(f"  trace: {describe_trace(step.trace)}")
    return lines


def flow_failure(flow: FlowOutcome) -> list[str]:
    failed = flow.failed_step
    lines = step_failure(failed) if failed else []
    remaining = len(flow.flow.steps) - len(flow.steps)
    if remaining:
        lines.append(f"({remaining} later step{'s' if remaining > 1 else ''} not run)")
    return lines


def text(outcome: RunOutcome) -> str:
    """The whole report: the route, notes, file mistakes, each flow's result, and a summary."""
    lines: list[str] = [HEADERS.get(outcome.route, f"Flows run via {outcome.route}.")]
    lines.extend(f"Note: {note}" for note in outcome.notes)
    for error in outcome.mistakes:
        lines.append(f"MISTAKE in {error.path} (not run):")
        lines.extend(f"  {mistake}" for mistake in error.mistakes)
    for flow in outcome.flows:
        where = f"{flow.flow.path}:{flow.flow.line}"
        if flow.passed:
            lines.append(f"PASS  {flow.flow.name}  ({where})")
        else:
            lines.append(f"FAIL  {flow.flow.name}  ({where})")
            lines.extend(f"      {line}" for line in flow_failure(flow))
    lines.append(summary(outcome))
    return "\n".join(lines)


def summary(outcome: RunOutcome) -> str:
    passed = sum(1 for f in outcome.flows if f.passed)
    failed = len(outcome.flows) - passed
    parts = [f"{len(outcome.flows)} flows: {passed} passed, {failed} failed"]
    if outcome.mistakes:
        count = len(outcome.mistakes)
        parts.append(f"{count} file{'s' if count > 1 else ''} with mistakes")
    return ("OK: " if outcome.passed else "FAILED: ") + "; ".join(parts)


def junit(outcome: RunOutcome) -> ET.ElementTree:
    """JUnit XML: one testsuite per flow file, one testcase per flow; mistakes are errors."""
    root = ET.Element("testsuites", name="flows")
    suites: dict[Path, ET.Element] = {}

    def suite(path: Path) -> ET.Element:
        if path not in suites:
            suites[path] = ET.SubElement(root, "testsuite", name=str(path))
        return suites[path]

    for error in outcome.mistakes:
        case = ET.SubElement(
            suite(error.path), "testcase", classname=_classname(error.path), name="flow file"
        )
        detail = "\n".join(str(m) for m in error.mistakes)
        ET.SubElement(case, "error", message="the flow file has mistakes").text = detail
    for flow in outcome.flows:
        case = ET.SubElement(
            suite(flow.flow.path),
            "testcase",
            classname=_classname(flow.flow.path),
            name=flow.flow.name,
            time=f"{flow.seconds:.3f}",
        )
        if not flow.passed:
            failed = flow.failed_step
            message = failed.step.describe() if failed else "failed"
            ET.SubElement(
                case, "failure", message=f"step {failed.number if failed else '?'}: {message}"
            ).text = "\n".join(flow_failure(flow))
    for element in suites.values():
        cases = element.findall("testcase")
        element.set("tests", str(len(cases)))
        element.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
        element.set("errors", str(sum(1 for c in cases if c.find("error") is not None)))
    root.set("tests", str(sum(int(s.get("tests", "0")) for s in suites.values())))
    root.set("failures", str(sum(int(s.get("failures", "0")) for s in suites.values())))
    root.set("errors", str(sum(int(s.get("errors", "0")) for s in suites.values())))
    return ET.ElementTree(root)


def write_junit(outcome: RunOutcome, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tree = junit(outcome)
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)


def _classname(path: Path) -> str:
    return "flows." + path.stem.replace(".", "_")
