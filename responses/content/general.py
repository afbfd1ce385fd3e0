"""Start, menu, help, language, privacy and the small talk around the conversation."""

from __future__ import annotations

from bot.core.events import Button, Reply
from responses.content.base import (
    Ctx,
    emergency_line,
    join,
    lines,
    main_menu_buttons,
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
            "Hello, I'm An Tâm, a free assistant for women and girls facing violence or "
            "abuse in Viet Nam."
        ),
        _("Is it safe for you to chat now?"),
    )
    return Reply(
        text,
        buttons=((Button(_("Yes, it's safe"), "safe:yes"), Button(_("Not now"), "safe:no")),),
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
            "I can share safety information, find support services near you, explain your "
            "rights in general terms, and ask a counsellor to message you here."
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


@message("clarify")
def clarify(c: Ctx) -> Reply:
    _ = c.gettext
    text = join(
        _(
            "I'm not sure I understood. You can write it another way, or choose one of "
            "these options."
        ),
        emergency_line(c),
    )
    return _menu_reply(c, text)


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
        buttons=((Button("Tiếng Việt", "lang:vi"), Button("English", "lang:en")),),
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
    text = join(
        _(
            "What I keep: your language choice, where we are in the conversation, the status "
            "of an open case, and the numbers of messages so /wipe can delete them. Chats "
            "are identified by a keyed code, not your Telegram id. I never keep what you write."
        ),
        # SOURCE: Telegram FAQ — only secret chats are end-to-end encrypted; bots cannot use
        # them. Bot API: messages can be deleted for both sides for 48 hours.
        _(
            "Please know: Telegram chats with bots are not end-to-end encrypted, and Telegram "
            "keeps its own copy. /wipe deletes this chat on both sides, as far as Telegram "
            "allows (messages from the last 48 hours)."
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
    return Reply(_("Please slow down a little — I'm still here and I'll read your messages."))


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
    return with_more(c, text, (Button(_("Talk to a person"), "menu:human"),))


@message("out_of_scope")
def out_of_scope(c: Ctx) -> Reply:
    _ = c.gettext
    text = _(
        "I can't help with that, sorry. I'm here for safety, support and rights around "
        "violence and abuse. Here is what I can do:"
    )
    return _menu_reply(c, text)

