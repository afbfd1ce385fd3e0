"""Pages for the questions people ask most: divorce, the cost of a call, who reads the chat, jobs
abroad. Each one is reached by a topic button or by her own words (bot.core.cues)."""

from __future__ import annotations

from bot.core import actions
from bot.core.events import Button, Reply
from bot.responses.content.base import Ctx, join, lines, message, wipe_button, with_more
from bot.responses.content.topics import topic_buttons


@message("topic:divorce_custody")
def divorce_custody(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # SOURCE: Law on Marriage and Family 2014 (No. 52/2014/QH13), Art. 56(1): the court
        # grants a divorce asked by one side when there is domestic violence and mediation
        # fails (anzlaw.net/don-phuong-ly-hon-can-nhung-gi quotes the article); Art. 51(3): the
        # husband may not ask while his wife is pregnant, has given birth or is raising a child
        # under 12 months (celigal.com/co-duoc-ly-hon-khi-dang-mang-thai-i87).
        _(
            "You can ask the court for a divorce even if he doesn't agree: domestic violence is "
            "one of the grounds. While you are pregnant or your baby is under 12 months, he can't "
            "ask for a divorce, but you can."
        ),
        # SOURCE: same law, Art. 81(2)–(3): parents agree, else the court decides by the
        # child's interests, hearing a child aged 7 or more; a child under 36 months goes to
        # the mother unless she cannot care for it (luatsuquy.vn/quyen-nuoi-con-tren-7-tuoi-
        # khi-ly-hon/; thuvienphapluat.vn on Art. 81(3)).
        _(
            "Custody: if you can't agree, the court decides by what is best for the child, and "
            "listens to a child aged 7 or older. A child under 36 months usually stays with the "
            "mother."
        ),
        _("Evidence of the violence helps: medical notes, photos, messages, reports you made."),
        _(
            "This is general information, not legal advice. A legal aid centre can advise on "
            "your situation."
        ),
    )
    return with_more(c, text, topic_buttons(c, "legal_aid", "protection_orders", "documents"))


@message("topic:hotline_cost")
def hotline_cost(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # SOURCE: hotlines.csv — 113, 114, 115 and 111 are free.
        _(
            "113 (police), 115 (ambulance), 114 (fire) and 111 (children and trafficking) are "
            "free to call."
        ),
        # SOURCE: hotlines.csv — 1900 969 680 cost "unknown: one source calls it free, but
        # 1900-prefix numbers are usually charged". Say exactly that.
        _(
            "For 1900 969 680 (Peace House) I don't know for sure: one source says it is free, "
            "but 1900 numbers are usually charged. Your phone company can tell you the price."
        ),
        _(
            "Writing here costs only your internet data, and a counsellor can message you here "
            "for free."
        ),
    )
    return with_more(c, text, (Button(_("Talk to a person"), actions.MENU_HUMAN),))


@message("topic:who_reads_messages")
def who_reads_messages(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # SOURCE: telegram.org/faq — cloud chats (bot chats included) are stored on Telegram's
        # servers; only secret chats are end-to-end encrypted, and bots cannot use them.
        _(
            "Telegram keeps its own copy of this chat: chats with bots are not end-to-end "
            "encrypted."
        ),
        # What the code does: bot/core/session.py (DELETABLE_SECONDS, 48 hours) and
        # bot/channels/telegram/operators/desk.py (relays to the group). Checked by
        # tests/test_privacy_claims.py.
        lines(
            _(
                "• anyone who opens your phone and Telegram can read it, and previews can show "
                "on the lock screen; /wipe deletes the last 48 hours"
            ),
            _(
                "• I don't store what you write; I keep only labels, such as the topic and a "
                "province you named, so I can follow the conversation"
            ),
            _(
                "• if you talk to a counsellor, your messages are posted in the counsellors' "
                "Telegram group, where the team reads them and /wipe can't reach"
            ),
        ),
    )
    return with_more(c, text, (wipe_button(c), *topic_buttons(c, "bot_safety")))


@message("topic:scams_abroad")
def scams_abroad(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # SOURCE: Ministry of Foreign Affairs spokesperson on Vietnamese held in Cambodia
        # (tracuuquyhoach.com/tin-tuc/bo-ngoai-giao-len-tieng-viec-hon-140-nguoi-viet-bi-bat-o-
        # campuchia-52770112): beware "việc nhẹ lương cao" offers with no qualifications, no
        # contract, no company or licensed labour agency; Lâm Đồng police (24h.com.vn, 8/2025):
        # people lured to Cambodia were forced to work in scam compounds and beaten.
        _(
            '"Easy work, high pay" ("việc nhẹ lương cao") abroad, often in Cambodia or '
            "Myanmar, can be a trap: people are held in scam compounds, forced to cheat others "
            "online, and beaten."
        ),
        lines(
            _("Warning signs:"),
            _("• no qualifications needed, no contract, no licensed company or labour agency"),
            # Same signs as topic:scams (pressure, secrecy, the passport).
            _("• pressure to leave quickly, to keep it secret, or to hand over your passport"),
        ),
        # SOURCE: hotlines.csv — 111 anti-trafficking line since September 2025, free, 24/7;
        # embassy route: songv.langson.gov.vn/node/21226.
        _(
            "If someone is already held there: their family in Viet Nam can call 111 (free, "
            "24/7), and the Embassy of Viet Nam there can help. It is not their fault."
        ),
    )
    return with_more(c, text, topic_buttons(c, "scams"))
