"""Confidence thresholds for acting on the NLU model's intents, chosen from its histogram."""

from __future__ import annotations

from nlu import intents

# Chosen from the confidence histograms in docs/nlu-report.md ("Thresholds") for the pipeline
# in nlu/config.yml (TF-IDF logistic regression over 24 intents, whose top confidences are
# modest); re-check them there whenever the pipeline or the data change.

# Act on the top intent only at or above this confidence; below it the bot asks her to say
# more or shows the menu. The highest confidence any off-topic text or gibberish probe reached
# on a survivor intent was 0.40; 0.45 keeps a margin above it.
INTENT_THRESHOLD = 0.45

# The model alone flags urgency when its top intent is urgent_help with at least this
# confidence (the rule in bot/core/engine.py). Far lower than INTENT_THRESHOLD on purpose: a
# missed emergency costs more than an extra safety message. At 0.2 the held-out urgent_help
# recall is the same as with no threshold, at under 1 % of other messages flagged; the
# deterministic safety screen runs first in any case.
URGENT_THRESHOLD = 0.2

# Below INTENT_THRESHOLD the top intent is still acted on from this confidence up when a cue
# in her own words agrees with it (rape words and sexual_violence, a child and child_abuse,
# intimate images and online_abuse, abroad and trafficking, another person and
# help_someone_else: bot/core/policy.py). Two independent signals agreeing are worth more
# than either alone; read off the dev split of the realistic set.
CORROBORATED_THRESHOLD = 0.25

# "Off topic" is answered as such only from this confidence up; below it the bot says it is
# not sure and offers the likeliest needs (gibberish is more often a scared, hurried message
# than a request for recipes).
OUT_OF_SCOPE_THRESHOLD = 0.6

# The intents about her situation; off-topic text must never land on one confidently.
# Listed once, in nlu/intents.py; re-exported here for the evaluation and the model tests.
SURVIVOR_INTENTS: frozenset[str] = intents.SURVIVOR_INTENTS
