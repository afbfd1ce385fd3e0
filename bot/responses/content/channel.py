"""Labels a channel shows outside messages: Telegram's command menu and the location button."""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark a msgid for extraction; the channel translates it later with Responses.gettext."""
    return message


# (command, description) for setMyCommands; testmode is left out (testers know it).
COMMAND_DESCRIPTIONS: tuple[tuple[str, str], ...] = (
    ("start", N_("Start")),
    ("menu", N_("Main menu")),
    ("help", N_("Help and emergency numbers")),
    ("language", N_("Change language")),
    ("privacy", N_("How your data is handled")),
    ("wipe", N_("Delete this chat")),
    ("end", N_("End the chat with a counsellor")),
)
# The reply-keyboard button that asks Telegram to share her location once.
LOCATION_LABEL = N_("Share my location")
