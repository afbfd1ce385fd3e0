"""Measure the bot's understanding offline (`make nlu-eval`), from above the core and the NLU.

- `heldout`: the NLU model on the held-out set, with the bot's safety screen beside it;
- `realistic`: the bot's own understand step and policy on the realistic set
  (`nlu/realistic/*.jsonl`); `realistic_report` writes its section of docs/nlu-report.md.

It sits above both packages it measures, so neither imports the other to be measured.
"""
