"""Escalation to a human counsellor: the case store, sealed addresses, operator hours, reports."""
