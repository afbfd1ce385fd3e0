"""The operators' side on Telegram: what goes to the operators' group, and what comes back.

    desk.py       Desk: where a case goes (real or test chat), its card, the two-way relay,
                  claims and closes, and the re-alert posts
    cards.py      what a case card says: one card, several as one message, after a claim
    callbacks.py  Claim / Close buttons, /end, an operator's reply to her

Messages to the group wait in its outbox (../outbox.py); the re-alert timers themselves are
channel-neutral (bot/escalation/realerts.py).
"""
