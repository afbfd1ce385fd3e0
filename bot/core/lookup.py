"""Look up the referral directory for a policy's ServiceQuery and render what was found.

A search for one kind of service that finds none falls back to every kind nearby, and a
province with nothing listed says so, with the national lines: she is never left with an
empty reply.
"""

from __future__ import annotations

from bot.core.events import Renderer, Reply
from bot.core.policy.decision import ServiceQuery
from referral_db.directory import Directory
from referral_db.service import Service

# Services listed in one reply: enough to choose from, few enough to read on a phone.
LIMIT = 5


def find_services(
    directory: Directory, responses: Renderer, query: ServiceQuery, locale: str
) -> tuple[list[Service], Reply]:
    """The services found (for the trace) and the reply that lists them, in her locale."""
    found = directory.search(
        province=query.province, category=query.category, near=query.near, limit=LIMIT
    )
    if query.category and not found:  # nothing of that kind: show every kind nearby
        found = directory.search(province=query.province, near=query.near, limit=LIMIT)
    national = directory.national_lines()
    if not found and query.near is None:
        reply = responses.render(
            "no_services", locale, province=query.province, formerly=query.formerly
        )
        return [], reply
    reply = responses.render(
        "services",
        locale,
        services=found,
        national=national,
        province=query.province,
        formerly=query.formerly,
        near=query.near is not None,
    )
    return found, reply
