"""The web chat in a real headless Chromium (Debian's chromium and chromium-driver, Selenium).

The bot runs in a thread of this process on 127.0.0.1 (a stub NLU; the safety screen is the
real one), with the real Telegram adapter and the fake Bot API as the operators' group for the
hand-off. Without a browser these tests skip and say why; `make browser` installs one.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from bot.settings import Settings
from bot.testing.fake_bot_api.server import FakeBotApi
from bot.testing.fake_bot_api.updates import group_chat
from tests.e2e.conftest import OPERATOR, OPERATOR_CHAT, TOKEN
from tests.fakes import StubNlu

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
URGENT = "chong toi dang danh toi"
LANG_SON = (21.853, 106.761)
# Where `make browser` puts axe-core (npm's axe-core package, axe.min.js and its licence).
AXE_JS = Path(os.environ.get("AXE_JS", ROOT / ".venv" / "share" / "axe-core" / "axe.min.js"))
INSTALL_HINT = "run `make browser` (as root: apt-get install chromium chromium-driver)"


def _browser_paths() -> tuple[str, str] | None:
    binary = (
        os.environ.get("CHROME_BIN")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )
    driver = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver")
    return (binary, driver) if binary and driver else None


# -- the bot in a thread ----------------------------------------------------------------------


class LiveBot:
    """The web channel (and with a fake Bot API, the Telegram side too) in its own loop."""

    def __init__(self, settings: Settings, fake: FakeBotApi | None = None) -> None:
        self.settings = settings
        self.fake = fake
        self.url = ""
        self.app: Any = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    def start(self) -> LiveBot:
        started = threading.Event()

        def serve() -> None:
            try:
                # A loop of its own in this thread, not the anyio plugin's: Selenium drives the
                # browser synchronously from the test's thread and would block any loop there.
                asyncio.run(self._main(started))
            except BaseException as error:  # surfaced to start()
                self._error = error
                started.set()

        self._thread = threading.Thread(target=serve, name="web-bot", daemon=True)
        self._thread.start()
        if not started.wait(30):
            raise RuntimeError("the web chat did not start within 30 s")
        if self._error is not None:
            raise self._error
        return self

    async def _main(self, started: threading.Event) -> None:
        from bot.app import build
        from bot.channels.web.channel import WebChannel
        from bot.channels.web.run import serving

        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        self.app = build(self.settings, nlu=StubNlu())
        channel = WebChannel(self.app, self.settings)
        async with contextlib.AsyncExitStack() as stack:
            if self.fake is not None:
                from bot.channels.telegram import build_application, polling

                application = build_application(self.settings, self.app)
                await stack.enter_async_context(polling(application))
                channel.attach(application.bot_data["desk"])
            self.url = await stack.enter_async_context(serving(channel))
            started.set()
            await self._stop.wait()

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        if self._thread is not None:
            self._thread.join(15)


@pytest.fixture
def web_settings(settings: Settings) -> Settings:
    # The quick exit goes to a page of the same server, so the test never leaves 127.0.0.1.
    return replace(settings, quick_exit_url="/healthz")


@pytest.fixture
def live(web_settings: Settings) -> Iterator[LiveBot]:
    bot = LiveBot(web_settings).start()
    yield bot
    bot.stop()


# -- the browser ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    paths = _browser_paths()
    if paths is None:
        pytest.skip(f"web browser tests SKIPPED: no chromium/chromedriver found; {INSTALL_HINT}")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("web browser tests SKIPPED: selenium is not installed (requirements.txt)")
    binary, driver_path = paths
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (
        "--headless=new",
        "--no-sandbox",  # root in CI
        "--disable-dev-shm-usage",
        "--window-size=360,740",  # a small Android phone
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        "--lang=vi",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    except Exception as error:  # a browser that cannot start is a skip, said plainly
        pytest.skip(
            f"web browser tests SKIPPED: chromium did not start "
            f"({type(error).__name__}); {INSTALL_HINT}"
        )
    driver.set_page_load_timeout(20)
    yield driver
    driver.quit()


def wait(condition: Callable[[], Any], timeout: float = 10.0, what: str = "") -> Any:
    from selenium.common.exceptions import StaleElementReferenceException

    deadline = time.monotonic() + timeout
    while True:
        try:
            result = condition()
        except StaleElementReferenceException:  # the page changed under the reading: again
            result = None
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        time.sleep(0.05)


class Page:
    """The chat page as she sees it."""

    def __init__(self, driver: Any, url: str) -> None:
        self.driver = driver
        self.url = url
        driver.get("about:blank")
        driver.get_log("performance")  # drop the entries of earlier tests
        driver.get(url)
        wait(lambda: self.bot_texts(), what="the first message")

    def bubbles(self, who: str) -> list[Any]:
        from selenium.webdriver.common.by import By

        return self.driver.find_elements(By.CSS_SELECTOR, f"#log .msg.{who} p")

    def bot_texts(self) -> list[str]:
        # Read in one script: the page may empty the log between finding and reading.
        return list(
            self.driver.execute_script(
                "return Array.from(document.querySelectorAll('#log .msg.bot p'))"
                ".map(p => p.innerText)"
            )
        )

    def all_texts(self) -> str:
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.ID, "log").text

    def type(self, text: str) -> list[str]:
        """Type and press Enter; return the bot's new replies."""
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys

        before = len(self.bot_texts())
        box = self.driver.find_element(By.ID, "text")
        box.send_keys(text)
        box.send_keys(Keys.ENTER)
        return self.new_replies(before)

    def press(self, label_part: str) -> list[str]:
        """Press the newest of the bot's buttons whose label contains label_part."""
        from selenium.webdriver.common.by import By

        before = len(self.bot_texts())
        buttons = self.driver.find_elements(By.CSS_SELECTOR, "#log .buttons button")
        matching = [b for b in buttons if label_part.lower() in b.text.lower()]
        assert matching, f"no button with {label_part!r}: {[b.text for b in buttons]}"
        matching[-1].click()
        return self.new_replies(before)

    def press_action(self, action: str) -> list[str]:
        from selenium.webdriver.common.by import By

        before = len(self.bot_texts())
        selector = (
            f'#log button[data-action="{action}"], #log button[name="action"][value="{action}"]'
        )
        self.driver.find_elements(By.CSS_SELECTOR, selector)[-1].click()
        return self.new_replies(before)

    def new_replies(self, before: int) -> list[str]:
        wait(lambda: len(self.bot_texts()) > before and not self._busy(), what="a reply")
        time.sleep(0.1)  # the rest of the same turn's replies
        return self.bot_texts()[before:]

    def _busy(self) -> bool:
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.ID, "log").get_attribute("aria-busy") == "true"

    def requests(self) -> list[str]:
        """Every URL the page asked for since it was opened (Chrome's network log)."""
        urls = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] in ("Network.requestWillBeSent", "Network.webSocketCreated"):
                params = message["params"]
                urls.append(params.get("request", {}).get("url") or params.get("url", ""))
        return urls


# -- the tests ----------------------------------------------------------------------------------


def test_an_urgent_message_gets_113_and_the_peace_house_first(browser, live):
    page = Page(browser, live.url)
    first, *_ = page.type(URGENT)
    head = first[:200]
    assert "113" in head and "1900 969 680" in head, first
    assert URGENT in page.all_texts()  # her message shows as she wrote it
    assert page.press("Có")  # the same turn offered a counsellor as a button


def test_the_bots_buttons_work(browser, live):
    page = Page(browser, live.url)
    replies = page.press_action("safe:yes")  # server-rendered button of the first message
    menu = live.app.responses.render("menu", "vi")
    assert replies == [menu.text]
    replies = page.press_action("menu:services")
    assert replies[0] == live.app.responses.render("ask_province", "vi").text
    from selenium.webdriver.common.by import By

    assert browser.find_element(By.ID, "share-location").is_displayed()
    replies = page.press("Hà Nội")
    assert "Hà Nội" in replies[0]


def test_a_shared_location_finds_services_nearby_with_permission_granted(browser, live):
    page = Page(browser, live.url)
    origin = live.url.rstrip("/")
    browser.execute_cdp_cmd(
        "Browser.grantPermissions", {"origin": origin, "permissions": ["geolocation"]}
    )
    browser.execute_cdp_cmd(
        "Emulation.setGeolocationOverride",
        {"latitude": LANG_SON[0], "longitude": LANG_SON[1], "accuracy": 50},
    )
    try:
        page.press_action("safe:yes")
        page.press_action("menu:services")
        from selenium.webdriver.common.by import By

        before = len(page.bot_texts())
        browser.find_element(By.ID, "share-location").click()
        (reply,) = page.new_replies(before)
        assert "Lạng Sơn" in reply
    finally:
        browser.execute_cdp_cmd("Emulation.clearGeolocationOverride", {})
        browser.execute_cdp_cmd("Browser.resetPermissions", {})


@pytest.mark.parametrize("how", ["button", "escape"])
def test_quick_exit_replaces_the_page_and_leaves_no_way_back(browser, live, how):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    page = Page(browser, live.url)
    page.type("toi so lam")
    assert browser.execute_script("return sessionStorage.length") == 1
    from bot.privacy import chat_key

    session = browser.execute_script("return sessionStorage.getItem('antam.session')")
    key = chat_key(live.settings.id_secret, "web", session)
    from bot.core.session import SessionStore

    store = SessionStore(live.settings.state_db)  # the bot's own is its thread's
    assert store.load(key).last_reply is not None
    if how == "button":
        browser.find_element(By.ID, "exit").click()
    else:
        browser.find_element(By.ID, "text").send_keys(Keys.ESCAPE)
    wait(lambda: browser.current_url.endswith("/healthz"), what="the neutral page")
    assert browser.execute_script("return sessionStorage.length") == 0
    # The server forgot the conversation too (a beacon on the way out).
    wait(lambda: store.load(key).last_reply is None, what="the wipe")
    browser.back()
    time.sleep(0.3)
    assert browser.current_url == "about:blank"  # the page before the chat, never the chat
    browser.forward()
    wait(lambda: browser.current_url.endswith("/healthz"), what="forward to the neutral page")


@pytest.mark.parametrize("how", ["/wipe", "button"])
def test_wipe_empties_the_page(browser, live, how):
    from selenium.webdriver.common.by import By

    page = Page(browser, live.url)
    page.type("xin chao")
    page.press_action("safe:yes")
    assert "xin chao" in page.all_texts()
    if how == "button":
        browser.find_element(By.ID, "delete").click()
        wait(
            lambda: page.bot_texts() == [live.app.responses.render("wiped", "vi").text],
            what="the page emptied",
        )
    else:
        browser.find_element(By.ID, "text").send_keys("/wipe\n")
        wait(
            lambda: page.bot_texts() == [live.app.responses.render("wiped", "vi").text],
            what="the page emptied",
        )
    assert "xin chao" not in page.all_texts()
    assert not page.bubbles("me")


def test_the_page_makes_no_request_outside_its_own_origin(browser, live):
    page = Page(browser, live.url)
    page.type(URGENT)
    page.press("Có")  # a WebSocket opens for the counsellor: same origin too
    page.type("/menu")
    origin = urlsplit(live.url).netloc
    urls = page.requests()
    assert any(u.endswith("/static/app.js") for u in urls)
    outside = [
        u
        for u in urls
        if urlsplit(u).netloc not in (origin, "") and not u.startswith(("data:", "about:"))
    ]
    assert outside == []


def test_the_language_switch_changes_the_page_and_the_bot(browser, live):
    from selenium.webdriver.common.by import By

    page = Page(browser, live.url)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "vi"
    before = len(page.bot_texts())
    browser.find_element(By.ID, "lang-switch").click()
    page.new_replies(before)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert browser.find_element(By.ID, "send").text == "Send"
    assert page.bot_texts()[-1] == live.app.responses.render("menu", "en").text


def test_keyboard_only_and_announced_messages(browser, live):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    page = Page(browser, live.url)
    log = browser.find_element(By.ID, "log")
    assert log.get_attribute("role") == "log" and log.get_attribute("aria-live") == "polite"
    # Tab from the top: the language switch, then Exit, then the bot's first button.
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    order = [browser.switch_to.active_element.get_attribute("id")]
    for _ in range(2):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        order.append(
            browser.switch_to.active_element.get_attribute("id")
            or browser.switch_to.active_element.get_attribute("value")
        )
    assert order == ["lang-switch", "exit", "safe:yes"], order
    before = len(page.bot_texts())
    browser.switch_to.active_element.send_keys(Keys.ENTER)  # press "Yes, it's safe"
    assert page.new_replies(before) == [live.app.responses.render("menu", "vi").text]


def test_the_page_works_on_a_slow_mobile_network(browser, live):
    # Roughly a poor 3G link: 400 ms round trips, 400 kbit/s down, 150 kbit/s up.
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 400,
            "downloadThroughput": 400 * 1024 / 8,
            "uploadThroughput": 150 * 1024 / 8,
        },
    )
    try:
        started = time.monotonic()
        page = Page(browser, live.url)
        loaded = time.monotonic() - started
        first, *_ = page.type(URGENT)
        assert "113" in first[:200] and "1900 969 680" in first[:200]
        assert loaded < 8, loaded  # page, script and style: a few round trips, ~20 KB
    finally:
        browser.execute_cdp_cmd(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": 0,
                "downloadThroughput": -1,
                "uploadThroughput": -1,
            },
        )


def test_the_page_works_with_javascript_off(browser, live):
    from selenium.webdriver.common.by import By

    browser.get("about:blank")
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        browser.get(live.url)
        browser.find_element(By.ID, "text").send_keys(URGENT)
        browser.find_element(By.ID, "send").click()  # a plain form post
        wait(lambda: "1900 969 680" in browser.find_element(By.ID, "log").text, what="reply")
        assert URGENT in browser.find_element(By.ID, "log").text
        browser.find_element(By.CSS_SELECTOR, 'button[value="consent:no"]').click()
        no = live.app.responses.render("consent_no", "vi").text.split("\n")[0]
        wait(lambda: no in browser.find_element(By.ID, "log").text, what="the button's reply")
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def test_axe_core_finds_no_serious_accessibility_violation(browser, live):
    if not AXE_JS.exists():
        pytest.skip(f"axe-core SKIPPED: {AXE_JS} missing; run `make browser` (npm axe-core)")
    page = Page(browser, live.url)
    page.type(URGENT)  # a conversation on screen: bubbles, buttons, the location row
    browser.execute_script(AXE_JS.read_text(encoding="utf-8"))  # from the local file
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,"
        " nodes: v.nodes.map(n => n.target.join(' '))}))))"
        ".catch(e => done([{id: 'axe-error', impact: 'critical', nodes: [String(e)]}]));"
    )
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert serious == [], serious


# -- the hand-off, with the fake Bot API as the operators' group ------------------------------


@pytest.fixture
def fake() -> Iterator[FakeBotApi]:
    server = FakeBotApi(TOKEN).start()
    yield server
    server.stop()


@pytest.mark.parametrize("transport", ["websocket", "polling"])
def test_a_hand_off_relays_both_ways_through_the_operators_group(
    browser, web_settings, fake, transport
):
    settings = replace(web_settings, telegram_token=TOKEN, telegram_base_url=fake.base_url)
    bot = LiveBot(settings, fake).start()
    script = None
    try:
        if transport == "polling":  # a network that blocks WebSockets
            script = browser.execute_cdp_cmd(
                "Page.addScriptToEvaluateOnNewDocument", {"source": "delete window.WebSocket;"}
            )["identifier"]
        page = Page(browser, bot.url)
        page.type(URGENT)
        before_group = len(fake.sent(OPERATOR_CHAT))
        assert page.press("Có")  # consent: a case opens
        card = wait(lambda: fake.sent(OPERATOR_CHAT)[before_group:], what="the case card")[0]
        assert URGENT not in card.text
        case_id = int(card.actions[0].split(":")[1])

        # The counsellor claims it in the group: her page says so.
        before = len(page.bot_texts())
        fake.press(
            OPERATOR, f"claim:{case_id}", message_id=card.result_id, chat=group_chat(OPERATOR_CHAT)
        )
        joined = bot.app.responses.render("counsellor_joined", "vi").text
        wait(lambda: joined in page.bot_texts()[before:], 15, "the counsellor joined")

        # Her words go to the group under the case's header.
        count = len(fake.sent(OPERATOR_CHAT))
        box = browser.find_element("id", "text")
        box.send_keys("toi rat so\n")
        relayed = wait(lambda: fake.sent(OPERATOR_CHAT)[count:], what="the relay")[0]
        assert relayed.text.endswith("toi rat so") and f"#{case_id}" in relayed.text

        # The counsellor replies to the relayed message: it reaches her page.
        fake.group_text(
            OPERATOR, OPERATOR_CHAT, "Chao ban, minh nghe day", reply_to=relayed.result_id
        )
        prefix = bot.app.responses.render("relay_prefix", "vi").text
        wait(
            lambda: f"{prefix}: Chao ban, minh nghe day" in page.bot_texts(),
            15,
            "the counsellor's reply",
        )
        sockets = [u for u in page.requests() if u.startswith("ws")]
        assert bool(sockets) == (transport == "websocket")
    finally:
        if script is not None:
            browser.execute_cdp_cmd(
                "Page.removeScriptToEvaluateOnNewDocument", {"identifier": script}
            )
        bot.stop()
