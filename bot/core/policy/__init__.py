"""Decide what the bot says next: danger first, then the person and her question. Pure.

The engine gathers the facts (what the message means, the open case, whether counsellors are
online, the conversation's memory) and this package returns the whole decision for every path:
relay, flood, escalation outcome, emergency, the answer, and what to remember. Nothing here
renders text or touches a database.

- `decision`: what a decision is made of (`Decision`, `Say`, `ServiceQuery`, `KEEP`) and what
  the policy is given (`Facts`, `Thresholds`);
- `urgent`: the emergency reply, built here and only here;
- `typed`: a typed message (`before_model`, `decide_text`): the model's confidence, the
  question pending, never the same reply twice;
- `answers`: the answer to a need she expressed or picked (`decide_intent`);
- `buttons`: a pressed button and her yes to a counsellor (`decide_button`);
- `commands`: a /command and a shared location, which carry no words for the model.
"""
