"""The bot's interface to the NLU model: in-process (Agent.load) or over HTTP (rasa run)."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

logger = logging.getLogger(__name__)

# Rasa's FallbackClassifier intent (only the default pipeline has one); kept as-is in Parse.
FALLBACK_INTENT = "nlu_fallback"


@dataclass(frozen=True)
class Entity:
    """An entity the model found: province (current name) or service_type."""

    name: str
    value: str
    extra: str | None = None  # province only: the legacy name she wrote, e.g. "Bạc Liêu"


@dataclass(frozen=True)
class Parse:
    """What the model understood of one message (no message text is kept)."""

    intent: str
    confidence: float
    entities: tuple[Entity, ...] = ()
    ranking: tuple[tuple[str, float], ...] = ()

    def entity(self, name: str) -> str | None:
        """The value of the first entity with this name, or None."""
        return next((e.value for e in self.entities if e.name == name), None)


class NluUnavailable(Exception):
    """The language model is not loaded or not reachable."""


class Nlu(Protocol):
    """What the engine needs from a language model."""

    @property
    def ready(self) -> bool: ...

    def start(self) -> None: ...

    async def wait_ready(self, timeout: float | None = None) -> bool: ...

    async def parse(self, text: str) -> Parse: ...

    async def close(self) -> None: ...


def clean(text: str) -> str:
    """The text to send: leading "/" removed, since Rasa reads "/x" as intent x at 1.0."""
    return text.strip().lstrip("/").strip()


def to_parse(result: dict[str, Any]) -> Parse:
    """A Parse from Rasa's parse result (the same JSON in-process and over HTTP)."""
    intent = result.get("intent") or {}
    entities = tuple(
        Entity(str(e["entity"]), str(e["value"]), e.get("formerly"))
        for e in result.get("entities") or ()
        if e.get("entity") and e.get("value") is not None
    )
    ranking = tuple(
        (str(r["name"]), float(r.get("confidence") or 0.0))
        for r in result.get("intent_ranking") or ()
    )
    return Parse(
        intent=str(intent.get("name") or FALLBACK_INTENT),
        confidence=float(intent.get("confidence") or 0.0),
        entities=entities,
        ranking=ranking,
    )


# Nothing left to understand once the "/" is gone: no model call, a confidence no threshold
# accepts, so the policy asks her to rephrase.
_EMPTY = Parse(intent="out_of_scope", confidence=0.0)


def load_agent(model_path: Path) -> Any:
    """Load a trained model with Rasa (blocking, 10-30 s); telemetry and debug logs off."""
    from nlu.train import quiet

    quiet()
    from rasa.core.agent import Agent

    agent = Agent.load(str(model_path))
    if not agent.is_ready():
        raise NluUnavailable()
    return agent


WARM_UP_TEXT = "xin chao"


async def _in_daemon_thread(function: Any, *args: Any) -> Any:
    """Run a blocking call in a daemon thread: unlike asyncio.to_thread, a process that is
    stopped mid-load (Ctrl-C) exits at once instead of waiting for the load to finish."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[Any] = loop.create_future()

    def work() -> None:
        result, failure = None, None
        try:
            result = function(*args)
        except BaseException as error:  # noqa: BLE001 - handed to the awaiting coroutine
            failure = error
        try:
            loop.call_soon_threadsafe(_settle, future, result, failure)
        except RuntimeError:  # the loop closed while we loaded: nobody is waiting any more
            pass

    threading.Thread(target=work, name="nlu-load", daemon=True).start()
    return await future


async def _settled(task: asyncio.Task[None] | None, timeout: float | None) -> None:
    """Wait for a loading task to finish, at most timeout seconds; never raises the timeout."""
    if task is not None and not task.done():
        try:
            await asyncio.wait_for(asyncio.shield(task), timeout)
        except asyncio.TimeoutError:
            pass


def _settle(future: asyncio.Future[Any], result: Any, error: BaseException | None) -> None:
    if future.done():  # cancelled while loading
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


PARSE_THREADS = 2  # a slow parse in one leaves the other free for the next chat


class _ParseThreads:
    """A few daemon threads, each with its own event loop, where every parse runs.

    Agent.parse_message is a coroutine but computes for its whole length without yielding:
    run on the bot's loop, one slow parse delayed every other chat's urgent reply by as long.
    Here the bot's loop only waits (with the engine's time-out) while a thread computes, and a
    parse goes to the thread with the fewest parses in hand.
    """

    def __init__(self, count: int = PARSE_THREADS) -> None:
        self._count = count
        self._loops: list[asyncio.AbstractEventLoop] = []
        self._busy: list[int] = []
        self._lock = threading.Lock()

    def _pick(self) -> int:
        with self._lock:
            if not self._loops:
                for n in range(self._count):
                    loop = asyncio.new_event_loop()
                    threading.Thread(
                        target=loop.run_forever, name=f"nlu-parse-{n}", daemon=True
                    ).start()
                    self._loops.append(loop)
                    self._busy.append(0)
            index = min(range(len(self._loops)), key=self._busy.__getitem__)
            self._busy[index] += 1
            return index

    async def run(self, coroutine: Any) -> Any:
        """Await coroutine on a parse thread; cancelling the wait drops its result."""
        index = self._pick()
        loop = self._loops[index]

        def done(_: Any) -> None:
            with self._lock:
                if index < len(self._busy):
                    self._busy[index] -= 1

        future = asyncio.run_coroutine_threadsafe(coroutine, loop)
        future.add_done_callback(done)
        return await asyncio.wrap_future(future)

    def stop(self) -> None:
        with self._lock:
            for loop in self._loops:
                loop.call_soon_threadsafe(loop.stop)
            self._loops, self._busy = [], []


class InProcessNlu:
    """The model loaded inside the bot's process, in a worker thread so the bot keeps answering."""

    def __init__(self, model_path: Path) -> None:
        self._model_path = Path(model_path)
        self._agent: Any = None
        self._task: asyncio.Task[None] | None = None
        self._thread = _ParseThreads()

    @property
    def ready(self) -> bool:
        """True once the model is loaded."""
        return self._agent is not None

    def start(self) -> None:
        """Begin loading in the background (needs a running event loop); returns at once."""
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._load())

    async def _load(self) -> None:
        started = time.perf_counter()
        try:
            agent = await _in_daemon_thread(load_agent, self._model_path)
            # The first parse builds lazy parts of the graph and takes far longer than the
            # rest: do it here, so the first person after a start is not the one who waits.
            await self._thread.run(agent.parse_message(WARM_UP_TEXT))
        except Exception as error:  # noqa: BLE001 - any failure leaves the bot on menus
            logger.error("nlu.load_failed error=%s", type(error).__name__)
            return
        self._agent = agent
        logger.info("nlu.loaded seconds=%.1f", time.perf_counter() - started)

    async def wait_ready(self, timeout: float | None = None) -> bool:
        """Wait until the model is loaded, failed, or the timeout passed; return `ready`."""
        await _settled(self._task, timeout)
        return self.ready

    async def parse(self, text: str) -> Parse:
        """Classify one message; raises NluUnavailable until the model is loaded."""
        if self._agent is None:
            raise NluUnavailable()
        cleaned = clean(text)
        if not cleaned:
            return _EMPTY
        try:
            result = await self._thread.run(self._agent.parse_message(cleaned))
        except Exception as error:  # noqa: BLE001 - a broken parse must not silence the bot
            logger.error("nlu.parse_failed error=%s", type(error).__name__)
            raise NluUnavailable() from error
        return to_parse(result)

    async def close(self) -> None:
        """Stop a load in progress and drop the model."""
        if self._task is not None and not self._task.done():
            self._task.cancel()  # the worker thread finishes on its own; its result is dropped
        self._task = None
        self._agent = None
        self._thread.stop()


class HttpNlu:
    """A model served by `rasa run --enable-api` (NLU_URL), reached with POST /model/parse."""

    RETRY_SECONDS = 2.0  # between health checks while the server is down or still loading

    def __init__(self, url: str, timeout: float = 2.0, transport: Any = None) -> None:
        self._base = url.rstrip("/").removesuffix("/model/parse")
        self._timeout = timeout
        self._transport = transport  # an httpx transport, for tests
        self._client: Any = None
        self._ready = False
        self._task: asyncio.Task[None] | None = None

    @property
    def ready(self) -> bool:
        """True while the server answered its last health check or parse."""
        return self._ready

    def start(self) -> None:
        """Begin checking the server in the background (needs a running loop); returns at once."""
        import httpx

        if self._client is None:
            self._client = httpx.AsyncClient(timeout=self._timeout, transport=self._transport)
        self._watch()

    def _watch(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._poll())

    async def _poll(self) -> None:
        while not self._ready:
            try:
                response = await self._client.get(f"{self._base}/status")
                # /status answers 200 only once a model is loaded.
                self._ready = response.status_code == 200
            except Exception as error:  # noqa: BLE001 - down is an expected state here
                logger.debug("nlu.http_unreachable error=%s", type(error).__name__)
            if not self._ready:
                await asyncio.sleep(self.RETRY_SECONDS)
        logger.info("nlu.http_ready")

    async def wait_ready(self, timeout: float | None = None) -> bool:
        """Wait until the server is up or the timeout passed; return `ready`."""
        await _settled(self._task, timeout)
        return self._ready

    async def parse(self, text: str) -> Parse:
        """Classify one message on the server; raises NluUnavailable when it is down."""
        if not self._ready or self._client is None:
            raise NluUnavailable()
        cleaned = clean(text)
        if not cleaned:
            return _EMPTY
        try:
            response = await self._client.post(f"{self._base}/model/parse", json={"text": cleaned})
            response.raise_for_status()
            result = response.json()
        except Exception as error:  # noqa: BLE001 - timeout, refused, 5xx: all mean "down"
            logger.warning("nlu.http_failed error=%s", type(error).__name__)
            self._ready = False
            self._watch()  # recover on its own when the server is back
            raise NluUnavailable() from error
        return to_parse(result)

    async def close(self) -> None:
        """Stop health checks and close the HTTP client."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
        if self._client is not None:
            await self._client.aclose()
            self._client = None
        self._ready = False
