"""Test doubles that ship with the bot, for community workers' flow runs and our tests."""
