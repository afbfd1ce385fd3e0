"""Measure the web chat on loopback: reply latency and sustained sessions per second.

The bot runs as `python -m bot web` (the trained model in-process) in its own process; this
script is the browsers, over HTTP on 127.0.0.1. Writes the "Web chat" section of
docs/benchmarks.md beside the Telegram figures of scripts/bench_bot.py (run after it by
`make bench`). Loopback only, every loop bounded in count and time.
"""

from __future__ import annotations

import asyncio
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["NO_PROXY"] = "127.0.0.1,localhost"

import aiohttp  # noqa: E402

OUT = ROOT / "docs" / "benchmarks.md"
SECTION = "## Web chat"
LATENCY_MESSAGES = 300
BROWSERS = 200  # concurrent browsers, each a session of TURNS requests, then a new session
TURNS = 4
LOAD_SECONDS = 20.0
START_TIMEOUT = 120.0
MODEL_WAIT_SECONDS = 300.0
REQUEST_TIMEOUT = 30.0
TARGETS = {"p50_ms": 50.0, "p99_ms": 150.0, "sessions_per_second": 10.0, "first_urgent_s": 3.0}

# The same mix as the Telegram benchmark, from the one place it is written.
from bench_bot import BUTTONS, COMMANDS, LOCATIONS, TEXTS  # noqa: E402


def mixed(session: str, i: int) -> dict[str, Any]:
    kind = i % 10
    lang = "vi" if i % 3 else "en"
    if kind < 6:
        return {"session": session, "text": TEXTS[i % len(TEXTS)], "lang": lang}
    if kind < 8:
        return {"session": session, "text": COMMANDS[i % len(COMMANDS)], "lang": lang}
    if kind == 8:
        return {"session": session, "action": BUTTONS[i % len(BUTTONS)], "lang": lang}
    return {"session": session, "location": list(LOCATIONS[i % len(LOCATIONS)]), "lang": lang}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def rss_mb(pid: int) -> tuple[float, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        fields[name] = value.strip()
    return (
        float(fields.get("VmRSS", "0 kB").split()[0]) / 1024,
        float(fields.get("VmHWM", "0 kB").split()[0]) / 1024,
    )


def start_bot(data_dir: Path) -> tuple[subprocess.Popen[str], float]:
    env = {
        **os.environ,
        "DATA_DIR": str(data_dir),
        "ID_HASH_SECRET": "bench-secret",
        "TELEGRAM_BOT_TOKEN": "",
        "WEB_LISTEN": "127.0.0.1",
        "WEB_PORT": "0",
        "LOG_LEVEL": "WARNING",
        # Every browser here comes from 127.0.0.1, and few sessions send many messages:
        # measure the bot, not its limits.
        "WEB_PER_ADDRESS_PER_MINUTE": "100000000",
        "FLOOD_PER_MINUTE": "1000000",
        "PYTHONPATH": str(ROOT),
    }
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "web"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    return process, started


def wait_address(process: subprocess.Popen[str]) -> str:
    assert process.stderr is not None
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line and process.poll() is not None:
            break
        found = re.match(r"Web chat: (http://\S+)/", line)
        if found:
            # Keep reading what it prints, so a full pipe never blocks the bot.
            threading.Thread(
                target=lambda: [None for _ in process.stderr or ()], daemon=True
            ).start()
            return found.group(1)
    raise RuntimeError("the web chat did not print its address")


async def post(client: aiohttp.ClientSession, url: str, body: dict[str, Any]) -> float:
    """One request; its time in ms. Raises unless the bot answered with a reply."""
    sent = time.perf_counter()
    async with client.post(f"{url}/api/message", json=body) as response:
        data = await response.json()
    if response.status != 200 or not (data["replies"] or data.get("wipe")):
        raise RuntimeError(f"status {response.status}")
    return (time.perf_counter() - sent) * 1000


async def bench(url: str, started: float, pid: int) -> dict[str, Any]:
    results: dict[str, Any] = {}
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    connector = aiohttp.TCPConnector(limit=BROWSERS + 10)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as client:
        # 1. Start to the first urgent reply (the model is still loading).
        await post(client, url, {"session": "urgent-0", "text": "chong toi dang danh toi"})
        results["first_urgent_s"] = time.monotonic() - started
        # 2. Start to the model being ready.
        deadline = time.monotonic() + MODEL_WAIT_SECONDS
        state = "loading"
        while time.monotonic() < deadline:
            async with client.get(f"{url}/healthz") as response:
                state = (await response.json())["nlu"]
            if state != "loading":
                break
            await asyncio.sleep(0.2)
        results["nlu"] = state
        results["model_ready_s"] = time.monotonic() - started if state == "ready" else None
        # 3. Latency: one request at a time, each a new session.
        results["latency_ms"] = [
            await post(client, url, mixed(f"lat-{i}", i)) for i in range(LATENCY_MESSAGES)
        ]
        # 4. Sustained load: BROWSERS at once, each a session of TURNS requests (the page,
        # then messages), then a new session, for LOAD_SECONDS; each also holds a WebSocket
        # open, as a page with a counsellor's case does.
        done_sessions = 0
        errors = 0
        under_load: list[float] = []
        stop_at = time.monotonic() + LOAD_SECONDS

        async def browser(b: int) -> None:
            nonlocal done_sessions, errors
            socket = await client.ws_connect(f"{url}/ws?session=b{b}", headers={"Origin": url})
            n = 0
            try:
                while time.monotonic() < stop_at:
                    session = f"b{b}-{n}"
                    try:
                        async with client.get(f"{url}/") as response:
                            await response.read()
                        for turn in range(TURNS - 1):
                            under_load.append(
                                await post(client, url, mixed(session, b * 7 + n + turn))
                            )
                        done_sessions += 1
                    except (aiohttp.ClientError, RuntimeError, asyncio.TimeoutError):
                        errors += 1
                    n += 1
            finally:
                await socket.close()

        load_started = time.monotonic()
        await asyncio.gather(*(browser(b) for b in range(BROWSERS)))
        elapsed = time.monotonic() - load_started
        results.update(
            sessions=done_sessions,
            errors=errors,
            sessions_per_second=done_sessions / elapsed,
            requests_per_second=done_sessions * TURNS / elapsed,
            load_p50_ms=statistics.median(under_load) if under_load else None,
            load_p99_ms=percentile(under_load, 99) if under_load else None,
        )
    results["rss_mb"], results["peak_rss_mb"] = rss_mb(pid)
    return results


def section(results: dict[str, Any]) -> str:
    latencies: list[float] = results["latency_ms"]
    p50, p99 = statistics.median(latencies), percentile(latencies, 99)
    sps = results["sessions_per_second"]
    urgent = results["first_urgent_s"]
    ready = results["model_ready_s"]

    def verdict(ok: bool) -> str:
        return "meets" if ok else "MISSES"

    def ms(value: float | None) -> str:
        return f"{value:.1f} ms" if value is not None else "—"

    return "\n".join(
        [
            SECTION,
            "",
            f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC by `scripts/bench_web.py` "
            f"(`make bench`). Machine: {os.cpu_count()} cores, {platform.machine()}, "
            f"Python {platform.python_version()}.",
            "",
            "Method: the bot runs as `python -m bot web` (aiohttp, the trained model in-process; "
            f"model state at the end: {results['nlu']}) in its own process; this script plays the "
            "browsers over HTTP on 127.0.0.1. Latency is one `POST /api/message` at a time, from "
            "sending to the whole JSON answer, over "
            f"{len(latencies)} requests of the same mix as the Telegram figures above (typed "
            "messages in vi and en, commands, buttons, locations), each from a new session. "
            f"Sustained load: {BROWSERS} browsers at once, each holding a WebSocket open and "
            f"running sessions of {TURNS} requests (the page, then {TURNS - 1} messages) "
            f"back to back for {LOAD_SECONDS:.0f} s. The limits per address and per session "
            "are lifted for the measurement (every browser here is 127.0.0.1).",
            "",
            "| Measure | Result | Target | |",
            "|---|---|---|---|",
            f"| Reply latency p50 | {p50:.1f} ms | ≤ 50 ms | {verdict(p50 <= 50)} |",
            f"| Reply latency p99 | {p99:.1f} ms | ≤ 150 ms | {verdict(p99 <= 150)} |",
            f"| Reply latency max | {max(latencies):.1f} ms | | |",
            f"| Sustained sessions/s, {BROWSERS} browsers ({results['sessions']} sessions, "
            f"{results['errors']} errors) | {sps:.1f} | ≥ 10 | {verdict(sps >= 10)} |",
            f"| Requests/s under that load | {results['requests_per_second']:.0f} | | |",
            f"| Reply latency under that load p50 / p99 | {ms(results['load_p50_ms'])} / "
            f"{ms(results['load_p99_ms'])} | | |",
            f"| Start to first urgent reply | {urgent:.2f} s | ≤ 3 s | {verdict(urgent <= 3)} |",
            "| Start to model ready | "
            + (f"{ready:.1f} s" if ready is not None else "no model")
            + " | | |",
            f"| Bot memory (RSS) after the run / peak | {results['rss_mb']:.0f} / "
            f"{results['peak_rss_mb']:.0f} MB | | |",
            "",
            "The first urgent reply comes from the safety screen while the model loads. Under "
            f"load, {BROWSERS} browsers queue on the one event loop: the per-request time then is "
            "mostly waiting for the others' turns (the model's parse of each typed message runs "
            "on the loop), which is what the sessions/s figure is about.",
            "",
        ]
    )


def write(text: str) -> None:
    """Put the section after the Bot section of docs/benchmarks.md, replacing an old one."""
    current = OUT.read_text() if OUT.exists() else "# Benchmarks\n\n"
    pattern = re.compile(rf"{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(current):
        updated = pattern.sub(lambda _: text + "\n", current, count=1)
    else:
        after_bot = re.search(r"^## Bot\n.*?(?=^## |\Z)", current, re.S | re.M)
        cut = after_bot.end() if after_bot else len(current)
        updated = current[:cut].rstrip("\n") + "\n\n" + text + "\n" + current[cut:]
    OUT.write_text(updated.rstrip("\n") + "\n")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="antam-bench-web-") as tmp:
        process, started = start_bot(Path(tmp) / "data")
        try:
            url = wait_address(process)
            results = asyncio.run(bench(url, started, process.pid))
        finally:
            process.terminate()
            process.wait(30)
    text = section(results)
    write(text)
    print(text)


if __name__ == "__main__":
    main()
