"""Privacy as a property: what she wrote, her id and her username end up in no log and no file."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.testing.fake_bot_api.server import FakeBotApi
from bot.testing.fake_bot_api.updates import User, group_chat
from tests.e2e.conftest import OPERATOR, OPERATOR_CHAT, bounded, running_bot

pytestmark = pytest.mark.e2e

SENTENCE = "Zebra pineapple 4471 my cousin Ngoc Anh"
URGENT = "chong toi dang danh toi, Zebra pineapple 4471"
OPERATOR_WORDS = "Quokka lantern 9083 call me at home"
SHE = User(736281945, "vi", "Thuylinh", "zebra_ngocanh_88")


class Collect(logging.Handler):
    """Every record, formatted with its arguments and any traceback, as it would be printed."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.mark.anyio
async def test_her_words_id_and_username_are_in_no_log_and_no_file(tg_settings, fake: FakeBotApi):
    collect = Collect()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(collect)
    root.setLevel(logging.DEBUG)

    async def scenario() -> None:
        async with running_bot(tg_settings) as application:
            app = application.bot_data["app"]
            fake.command(SHE, "/start")
            await fake.wait_sent(SHE.id, 1)
            fake.text(SHE, SENTENCE)
            await fake.wait_sent(SHE.id, 1, after=1)
            first = fake.text(SHE, URGENT)
            fake.edited(SHE, first, SENTENCE + " edited")
            await fake.wait_sent(SHE.id, 2, after=2)
            sent = len(fake.sent(SHE.id))
            fake.press(SHE, "consent:yes")
            (card,) = await fake.wait_sent(OPERATOR_CHAT)
            await fake.wait_sent(SHE.id, after=sent)  # "a counsellor has been asked"
            case = app.cases.active()[0]
            sent = len(fake.sent(SHE.id))
            fake.press(
                OPERATOR,
                f"claim:{case.id}",
                message_id=card.result_id,
                chat=group_chat(OPERATOR_CHAT),
            )
            await fake.wait_sent(SHE.id, after=sent)
            fake.text(SHE, SENTENCE)
            (relayed,) = await fake.wait_sent(OPERATOR_CHAT, after=1)
            assert SENTENCE in relayed.text  # it did go through the relay
            sent = len(fake.sent(SHE.id))
            fake.group_text(OPERATOR, OPERATOR_CHAT, OPERATOR_WORDS, reply_to=relayed.result_id)
            (answer,) = await fake.wait_sent(SHE.id, after=sent)
            assert OPERATOR_WORDS in answer.text
            fake.sticker(SHE)
            fake.location(SHE, 21.853, 106.761)
            fake.command(SHE, "/end")
            await fake.wait_for(lambda calls: app.cases.get(case.id).status == "closed")
            await fake.wait_sent(SHE.id, 3, after=sent + 1)

    try:
        await bounded(scenario())
    finally:
        root.removeHandler(collect)
        root.setLevel(old_level)

    secrets = [
        SENTENCE,
        "Zebra",
        "pineapple",
        "Ngoc Anh",
        "Quokka",
        "lantern",
        str(SHE.id),
        SHE.username,
        SHE.first_name,
        "106.761",
        "21.853",
    ]
    assert collect.lines, "nothing was logged: the capture is not working"
    log_text = "\n".join(collect.lines)
    assert "turn kind=text" in log_text  # the engine's event line was captured
    for secret in secrets:
        assert secret not in log_text, f"found in the logs: {secret!r}"

    files = [p for p in Path(tg_settings.data_dir).rglob("*") if p.is_file()]
    assert any(p.name.startswith("state.db") for p in files)
    for path in files:
        data = path.read_bytes()
        for secret in secrets:
            assert secret.encode() not in data, f"found in {path.name}: {secret!r}"
