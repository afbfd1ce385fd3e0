"""The Rasa NLU project and the small Python interface the bot uses to reach it."""
