"""Start, menu, help, language, privacy and the small talk around the conversation."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.core import actions
from bot.core.events import Button, Reply
from bot.responses.content.base import (
    Ctx,
    emergency_line,
    join,
    lines,
    main_menu_buttons,
    menu_button,
    message,
    rows,
    wipe_button,
    with_more,
)


def _menu_reply(c: Ctx, text: str) -> Reply:
    return Reply(text, buttons=rows(main_menu_buttons(c)))


@message("ask_safe")
def ask_safe(c: Ctx) -> Reply:
    _ = c.gettext
    # Asked before anything else: someone may be reading over her shoulder.
    text = join(
        # TRANSLATORS: first message after /start. An Tâm is the bot's name; keep it.
        _(
            "Hello, I'm An Tâm. I offer free support to women and girls in Viet Nam facing "
            "violence, abuse or harassment."
        ),
        _("Is it safe for you to chat now?"),
    )
    return Reply(
        text,
        buttons=(
            (Button(_("Yes, it's safe"), actions.SAFE_YES), Button(_("Not now"), actions.SAFE_NO)),
        ),
    )


@message("not_now")
def not_now(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("That's alright. You can come back any time by sending /start."),
        emergency_line(c),
        _("If you want, you can delete this chat now with /wipe or the button below."),
    )
    return Reply(text, buttons=((wipe_button(c),),))


@message("menu")
def menu(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("I'm here to listen and help. What would you like to do?"),
        emergency_line(c),
    )
    return _menu_reply(c, text)


@message("help")
def help_(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _(
            "I can show you ways to stay safe, find support near you, explain your rights in "
            "general terms, and ask a counsellor to message you here."
        ),
        lines(
            _("Commands:"),
            _("/start — start again"),
            _("/menu — main menu"),
            _("/language — Tiếng Việt or English"),
            _("/privacy — what this chat keeps"),
            _("/wipe — delete this chat"),
        ),
        emergency_line(c),
    )
    return _menu_reply(c, text)


def intent_label(c: Ctx, intent: str) -> str | None:
    """Her words for a need, on a "not sure" button; None for an intent with no label."""
    _ = c.gettext
    labels: dict[str, Callable[[], str]] = {
        "urgent_help": lambda: _("I'm in danger now"),
        "report_abuse": lambda: _("Someone is hurting me"),
        "sexual_violence": lambda: _("Sexual assault or rape"),
        "online_abuse": lambda: _("Abuse online, my images"),
        "digital_safety_tips": lambda: _("Staying safe online"),
        "find_services": lambda: _("Help near me"),
        "ask_hotline": lambda: _("Phone numbers for help"),
        "legal_info": lambda: _("My rights, divorce, the law"),
        "safety_planning": lambda: _("Planning to stay safe"),
        "child_abuse": lambda: _("A child is being hurt"),
        "trafficking": lambda: _("Tricked, held or sold"),
        "help_someone_else": lambda: _("Helping someone else"),
        "emotional_support": lambda: _("I need to talk"),
        "learn_about_gbv": lambda: _("Learning about violence"),
        "talk_to_human": lambda: _("Talk to a person"),
    }
    label = labels.get(intent)
    return label() if label else None


@message("clarify")
def clarify(c: Ctx, options: Sequence[str] = ()) -> Reply:
    """The first "not sure": her likeliest needs as buttons (pick:<intent>), then the menu."""
    _ = c.gettext
    picks = [
        Button(label, actions.pick(name))
        for name in list(options)[:3]
        if (label := intent_label(c, name)) is not None
    ]
    if len(picks) < 2:
        text = join(
            _(
                "I'm not sure I understood. You can write it another way, or choose one of "
                "these options."
            ),
            emergency_line(c),
        )
        return _menu_reply(c, text)
    text = join(
        _("I'm not completely sure what you need — is it one of these?"),
        emergency_line(c),
    )
    return Reply(text, buttons=(*((b,) for b in picks), (menu_button(c),)))


@message("clarify_again")
def clarify_again(c: Ctx) -> Reply:
    """The second "not sure" in a row: a person, and the lines that answer day and night."""
    _ = c.gettext
    text = join(
        _(
            "I'm sorry, I still haven't understood. A person may help better: I can ask a "
            "counsellor to write to you here."
        ),
        lines(
            _("These lines answer day and night:"),
            # SOURCE: hotlines.csv — 113 police, 1900 969 680 Peace House, 111 child protection
            # and trafficking; all 24/7.
            _("113 — police, if you are in danger"),
            _("1900 969 680 — Peace House, for women and children facing violence"),
            _("111 — children and trafficking, free"),
        ),
    )
    return Reply(
        text,
        buttons=((Button(_("Talk to a person"), actions.MENU_HUMAN),), (menu_button(c),)),
    )


@message("nlu_loading")
def nlu_loading(c: Ctx) -> Reply:
    _ = c.gettext
    # Never silent: while the language model starts, the menu and the numbers still work.
    text = join(
        _("I'm still getting ready to read messages. I can show you the menu in the meantime."),
        emergency_line(c),
    )
    return _menu_reply(c, text)


@message("language_choose")
def language_choose(c: Ctx) -> Reply:
    _ = c.gettext
    # The language names stay in their own language so anyone can find theirs.
    return Reply(
        _("Which language would you like?"),
        buttons=(
            (Button("Tiếng Việt", actions.lang("vi")), Button("English", actions.lang("en"))),
        ),
    )


@message("change_language")
def change_language(c: Ctx) -> Reply:
    return language_choose(c)


@message("language_set")
def language_set(c: Ctx) -> Reply:
    _ = c.gettext
    text = _("Okay, I'll write in English from now on.")
    return _menu_reply(c, text)


@message("wiped")
def wiped(c: Ctx) -> Reply:
    _ = c.gettext
    # Neutral on purpose: whoever sees the phone afterwards learns nothing from this line.
    return Reply(_("Chat cleared."))


@message("quick_exit")
def quick_exit(c: Ctx) -> Reply:
    _ = c.gettext
    return Reply(_("Chat cleared."))


@message("privacy")
def privacy(c: Ctx) -> Reply:
    _ = c.gettext
    # Every claim here is checked against the code by tests/test_privacy_claims.py: the
    # state.db schema (bot/core/session.py, bot/escalation/cases.py), the relay to the
    # operators' group (bot/channels/telegram/operators/desk.py), DELETABLE_SECONDS (48 hours),
    # MEMORY_SECONDS (12 hours).
    text = join(
        _(
            "I don't store your name or what you write. I keep: your language, where we are in "
            "the conversation, labels for its topic and a province you named (forgotten after "
            "12 hours of silence), and message numbers for /wipe (48 hours). Your chat is known "
            "by a code, not your Telegram ID."
        ),
        _(
            "If you ask for a counsellor, I keep the request (type and times, no words) and "
            "your chat address, encrypted, until it closes. What you write to the counsellor "
            "goes to the counsellors' Telegram group, where /wipe can't delete it."
        ),
        # SOURCE: telegram.org/faq — only secret chats are end-to-end encrypted; bots cannot
        # use them.
        _(
            "A location you share stays in this chat until you delete it. Bot chats on Telegram "
            "are not end-to-end encrypted; Telegram keeps a copy."
        ),
    )
    return with_more(c, text, (wipe_button(c),))


@message("unsupported")
def unsupported(c: Ctx, kind: str = "other") -> Reply:
    _ = c.gettext
    # The kind is not repeated back: the reply is the same for a voice note or a photo,
    # and nothing she sent is ever downloaded.
    text = join(
        _("Sorry, I can only read text. Could you type your message?"),
        _("What you sent stays in this chat until you delete it (/wipe, within 48 hours)."),
        emergency_line(c),
    )
    return with_more(c, text)


@message("group_decline")
def group_decline(c: Ctx) -> Reply:
    _ = c.gettext
    return Reply(
        _(
            "For your safety I only talk in private chats. If you want to talk, you can "
            "open a private chat with me."
        )
    )


@message("flood")
def flood(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        # Honest: during a flood the next minute's messages are not answered, unless they
        # name a danger (bot.core.policy.typed.before_model).
        _(
            "You're writing very fast, so I'll skip the next few messages for a minute. I'm "
            "still here — anything about danger always gets through."
        ),
        emergency_line(c),
    )
    return Reply(text)


@message("error")
def error(c: Ctx) -> Reply:
    _ = c.gettext
    # SOURCE: hotlines.csv — 113 police emergency; 1900 969 680 Peace House, 24/7.
    text = _(
        "Something went wrong on my side, sorry. If you are in danger, call 113, or "
        "1900 969 680 (24/7)."
    )
    return with_more(c, text)


@message("greet")
def greet(c: Ctx) -> Reply:
    _ = c.gettext
    return _menu_reply(c, _("Hello, I'm An Tâm. How can I help you today?"))


@message("goodbye")
def goodbye(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("Take care of yourself. I'm here whenever you want to talk."),
        emergency_line(c),
        _("If you want, you can delete this chat with /wipe."),
    )
    return with_more(c, text, (wipe_button(c),), menu=False)


@message("thanks")
def thanks(c: Ctx) -> Reply:
    _ = c.gettext
    return with_more(c, _("You're welcome. Is there anything else I can help with?"))


@message("affirm")
def affirm(c: Ctx) -> Reply:
    _ = c.gettext
    return _menu_reply(c, _("Okay. Here is what I can help with."))


@message("deny")
def deny(c: Ctx) -> Reply:
    _ = c.gettext
    return _menu_reply(c, _("That's fine. You can choose something else whenever you like."))


@message("bot_challenge")
def bot_challenge(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _("I'm an automated assistant, not a person."),
        _("If you want to talk to a person, I can ask a counsellor to message you here."),
    )
    return with_more(c, text, (Button(_("Talk to a person"), actions.MENU_HUMAN),))


@message("out_of_scope")
def out_of_scope(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _(
            "I can't help with that, sorry. I'm here for safety, support and rights around "
            "violence and abuse. Here is what I can do:"
        ),
        emergency_line(c),
    )
    return _menu_reply(c, text)
