"""The Telegram channel: python-telegram-bot callbacks that turn updates into engine turns.

Nothing here decides what to say (bot/core/engine.py does). One job per module, in the order an
update travels:

    updater.py      SafeUpdater: fetch updates (long polling or a webhook), and confirm each one
                    to Telegram only once its turn is done
    intake.py       which updates are in flight and done, how far each turn got (Progress)
    ledger.py       the ids of finished updates in state.db (never their content)
    ordering.py     one chat's updates in order, chats side by side, urgent words first
    handlers.py     the handler table, in the order PTB runs it, and her callbacks
    turns.py        one update -> one engine turn -> its actions carried out
    chats.py        her chat as the core knows it; messages to her that no turn caused
    sending.py      buttons, long texts, deletions, and retries through Telegram's errors
    outbox.py       the operators' chats' queue: one message at a time, the most pressing first
    operators/      the operators' desk: case cards, claims, relays both ways, re-alert posts
    application.py  build the Application and run it; start-up and shut-down

Callers need only what is re-exported here.
"""

from bot.channels.telegram.application import build_application, polling, run_telegram
from bot.channels.telegram.chats import chat_for

__all__ = ["build_application", "chat_for", "polling", "run_telegram"]
