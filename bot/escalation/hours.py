"""When operators are on duty: a daily window in Viet Nam time, possibly over midnight."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from bot.clock import VIETNAM

_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


class HoursError(ValueError):
    """OPERATOR_HOURS must look like 08:00-22:00 (or 22:00-06:00 over midnight, or empty)."""


@dataclass(frozen=True)
class OperatorHours:
    """A daily window [start, end) in Asia/Ho_Chi_Minh; no start and end means always open."""

    start: time | None = None
    end: time | None = None

    @classmethod
    def parse(cls, text: str) -> OperatorHours:
        """Parse "08:00-22:00", "22:00-06:00" (over midnight), or "" for always open.

        Equal ends ("00:00-00:00") also mean always open: a window of zero length would page
        nobody, which is never what an operator means.
        """
        if not text or not text.strip():
            return cls()
        match = _RANGE.match(text)
        if match is None:
            raise HoursError(HoursError.__doc__)
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h2 == 24 and m2 != 0):
            raise HoursError(HoursError.__doc__)
        start = time(h1, m1)
        end = time(0, 0) if h2 == 24 else time(h2, m2)
        if start == end:
            return cls()
        return cls(start, end)

    @property
    def always(self) -> bool:
        return self.start is None or self.end is None

    def is_open(self, now: datetime) -> bool:
        """Whether operators are on duty at now (naive datetimes are taken as UTC)."""
        if self.start is None or self.end is None:
            return True
        if now.tzinfo is None:
            now = now.replace(tzinfo=ZoneInfo("UTC"))
        local = now.astimezone(VIETNAM).time().replace(tzinfo=None)
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end  # the window runs over midnight

    def __str__(self) -> str:
        if self.start is None or self.end is None:
            return "always"
        return f"{self.start:%H:%M}-{self.end:%H:%M}"
