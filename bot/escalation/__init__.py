"""Escalation to a human counsellor: the case store, re-alert timers, sealed addresses, operator
hours, reports."""
