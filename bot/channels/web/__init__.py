"""The web chat channel: one page and a small JSON API on the same core as Telegram."""
