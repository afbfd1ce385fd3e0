"""An Tâm's referral directory: services by province, place and need, kept in SQLite."""

from __future__ import annotations
