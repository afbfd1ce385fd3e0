"""`python -m bot.testing.fake_bot_api [TOKEN]`: the fake alone, for a driver in another
process (scripts/bench_bot.py), so it does not share the bot's interpreter and GIL."""

from __future__ import annotations

import sys
import threading

from .server import FakeBotApi


def main() -> None:
    """Serve the fake on its own until killed; print the port on the first line of stdout."""
    token = sys.argv[1] if len(sys.argv) > 1 else "123:TEST"
    fake = FakeBotApi(token).start()
    print(fake.port, flush=True)  # the driver reads this line to find the fake
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        fake.stop()


if __name__ == "__main__":
    main()
