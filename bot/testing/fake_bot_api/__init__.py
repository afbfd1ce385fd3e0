"""A fake Telegram Bot API on loopback, for end-to-end tests, flow runs and the benchmark.

server.py serves it (answers, recording, failures, the update queue), methods.py holds the
methods it answers, calls.py what it records, updates.py builds what people send from PTB's
own objects, and `python -m bot.testing.fake_bot_api` runs it on its own.
"""
