"""One turn of the conversation: language -> safety screen -> NLU -> policy -> replies.

Every channel calls Engine.handle; nothing reaches the model or the policy without first
passing the safety screen, and an unavailable model never makes the bot silent.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict, deque
from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core import language, policy, safety
from bot.core.events import (
    DeleteMessages,
    Incoming,
    OperatorCard,
    OperatorNotice,
    Outgoing,
    RelayToOperator,
    Reply,
    Trace,
    Turn,
)
from bot.core.policy import KEEP, Decision, Say, ServiceQuery, Thresholds
from bot.core.session import Session, SessionStore
from bot.escalation.cases import CaseStore
from bot.escalation.hours import OperatorHours
from nlu.client import Nlu, NluUnavailable, Parse
from referral_db import provinces
from referral_db.store import Directory
from responses.render import Responses

log = logging.getLogger("antam.engine")
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
NLU_TIMEOUT_SECONDS = 2.0


@dataclass(frozen=True)
class Chat:
    """Who a turn is for: a keyed hash for storage, the raw address only in memory."""

    key: str
    address: str
    is_tester: bool = False


@dataclass(frozen=True)
class EngineConfig:
    """The parts of Settings the core needs, so the core never reads the environment."""

    default_locale: str = "vi"
    max_message_chars: int = 1000
    flood_per_minute: int = 20
    operator_hours: str = "08:00-22:00"
    operators_configured: bool = False
    test_operators_configured: bool = False
    thresholds: Thresholds = Thresholds()


class Engine:
    """The channel-neutral conversation core."""

    def __init__(
        self,
        *,
        config: EngineConfig,
        nlu: Nlu | None,
        directory: Directory,
        responses: Responses,
        sessions: SessionStore,
        cases: CaseStore,
        hours: OperatorHours,
    ) -> None:
        self.config = config
        self.nlu = nlu
        self.directory = directory
        self.responses = responses
        self.sessions = sessions
        self.cases = cases
        self.hours = hours
        self._recent: dict[str, deque[float]] = defaultdict(deque)
        self._warned: dict[str, float] = {}

    async def handle(self, chat: Chat, incoming: Incoming) -> Turn:
        started = time.perf_counter()
        session = self.sessions.load(chat.key)
        if incoming.message_id is not None:
            self.sessions.remember_messages(chat.key, [incoming.message_id])
        turn, session = await self._turn(chat, incoming, session)
        self.sessions.save(session)
        log.info(
            "turn kind=%s chat=%s locale=%s intent=%s confidence=%s urgent=%s reasons=%s "
            "escalated=%s latency_ms=%.1f",
            incoming.kind,
            chat.key,
            session.locale,
            turn.trace.intent,
            None if turn.trace.confidence is None else round(turn.trace.confidence, 3),
            turn.trace.urgent,
            ",".join(turn.trace.urgent_reasons),
            turn.trace.escalated,
            (time.perf_counter() - started) * 1000,
        )
        return turn

    def remember_sent(self, chat: Chat, message_ids: list[int]) -> None:
        """The channel tells the core which bot messages it sent, so /wipe can delete them."""
        self.sessions.remember_messages(chat.key, message_ids)

    async def classify(self, text: str) -> dict[str, object]:
        """The decision the bot would take on one message, with no side effects."""
        text = text[: self.config.max_message_chars]
        urgency = safety.screen(text)
        parse = await self._parse(text)
        urgency = urgency.combined(self._model_urgent(parse))
        match = self._province(text, parse)
        return {
            "text": text,
            "language": language.detect(text),
            "intent": parse.intent if parse else None,
            "confidence": round(parse.confidence, 4) if parse else None,
            "province": match[0] if match else None,
            "urgent": urgency.is_urgent,
            "urgent_reasons": list(urgency.reasons),
        }

    # -- the turn ---------------------------------------------------------------------------

    async def _turn(
        self, chat: Chat, incoming: Incoming, session: Session
    ) -> tuple[Turn, Session]:
        if incoming.kind == "text":
            return await self._text(chat, incoming, session)
        locale = self._locale(session, None, incoming)
        session = session.with_(locale=locale)
        if incoming.kind == "command":
            decision = policy.decide_command(
                incoming.text.lower(), incoming.args, session, chat.is_tester
            )
        elif incoming.kind == "button":
            decision = policy.decide_button(incoming.text, session)
        elif incoming.kind == "location" and incoming.location is not None:
            decision = Decision(find_services=ServiceQuery(near=incoming.location))
        else:
            kind = incoming.text or "other"
            decision = Decision(say=(Say("unsupported", {"kind": kind}),), next_state=KEEP)
        return self._carry_out(chat, session, decision, Trace(language=None))

    async def _text(
        self, chat: Chat, incoming: Incoming, session: Session
    ) -> tuple[Turn, Session]:
        # Long messages are cut before anything else sees them; the screen reads the same cut.
        text = incoming.text[: self.config.max_message_chars]
        detected = language.detect(text)
        locale = self._locale(session, detected, incoming)
        session = session.with_(locale=locale)
        urgency = safety.screen(text)  # before and without the model
        if not urgency.is_urgent and self._flooding(chat.key):
            # One "slow down" a minute; answering every message of a flood would amplify it.
            if time.monotonic() - self._warned.get(chat.key, -60.0) < 60:
                return Turn(()), session
            self._warned[chat.key] = time.monotonic()
            return Turn((self.responses.render("flood", locale),)), session
        relay = self._relay(chat, text, urgency, session)
        if relay is not None:
            return relay, session
        parse = await self._parse(text)
        urgency = urgency.combined(self._model_urgent(parse))
        match = self._province(text, parse)
        decision = policy.decide_text(urgency, parse, match, session, self.config.thresholds)
        if urgency.is_urgent:  # remembered only to label a case if she asks for a person
            session = session.with_(pending_category="urgent_help")
        elif parse and parse.intent in policy.OFFER_PERSON:
            session = session.with_(pending_category=parse.intent)
        trace = Trace(
            language=detected,
            intent=parse.intent if parse else None,
            confidence=parse.confidence if parse else None,
            urgent=urgency.is_urgent,
            urgent_reasons=urgency.reasons,
            province=match[0] if match else None,
            nlu_available=parse is not None,
        )
        return self._carry_out(chat, session, decision, trace)

    def _carry_out(
        self, chat: Chat, session: Session, decision: Decision, trace: Trace
    ) -> tuple[Turn, Session]:
        locale = session.locale or self.config.default_locale
        if decision.choose_locale:
            locale = decision.choose_locale
            session = session.with_(locale=locale, locale_chosen=True)
        if decision.test_mode is not None:
            session = session.with_(test_mode=decision.test_mode)
        actions: list[Outgoing] = [
            self.responses.render(say.key, locale, **say.params) for say in decision.say
        ]
        if decision.find_services is not None:
            services, reply = self._services(decision.find_services, locale)
            actions.append(reply)
            trace = _replace(trace, services=tuple(s.id for s in services))
            if decision.find_services.province and trace.province is None:
                trace = _replace(trace, province=decision.find_services.province)
        if decision.escalate:
            actions.extend(self._escalate(chat, session, locale))
            trace = _replace(
                trace,
                escalated=any(isinstance(a, OperatorCard) for a in actions)
                or self._has_case(chat),
            )
        if decision.end_relay:
            actions.extend(self._end_relay(chat, locale))
        if decision.wipe:
            ids = self.sessions.take_messages(chat.key)
            actions = [DeleteMessages(ids), self.responses.render("wiped", locale)]
            session = Session(
                key=session.key,
                locale=session.locale,
                locale_chosen=session.locale_chosen,
                test_mode=session.test_mode,
            )
        if decision.next_state != KEEP and not decision.wipe:
            session = session.with_(state=decision.next_state)
        if decision.escalate or decision.decline_escalation:
            session = session.with_(pending_category=None)
        if session.test_mode and chat.is_tester:
            actions.append(self._tester_trace(trace, locale))
        return Turn(tuple(actions), trace), session

    # -- steps --------------------------------------------------------------------------------

    def _locale(self, session: Session, detected: str | None, incoming: Incoming) -> str:
        return language.choose(
            chosen=session.locale if session.locale_chosen else None,
            detected=detected,
            previous=session.locale,
            client_language=incoming.client_language,
            default=self.config.default_locale,
        )

    async def _parse(self, text: str) -> Parse | None:
        # Rasa reads "/x" as intent x with confidence 1.0: never let typed slashes through.
        text = text.lstrip("/ ").strip()
        if self.nlu is None or not text or not self.nlu.ready:
            return None
        try:
            return await asyncio.wait_for(self.nlu.parse(text), NLU_TIMEOUT_SECONDS)
        except (NluUnavailable, asyncio.TimeoutError):
            log.warning("nlu unavailable for this turn")
            return None

    def _model_urgent(self, parse: Parse | None) -> bool:
        return bool(
            parse
            and parse.intent == "urgent_help"
            and parse.confidence >= self.config.thresholds.urgent
        )

    @staticmethod
    def _province(text: str, parse: Parse | None) -> tuple[str, str | None] | None:
        match = provinces.resolve(text)
        return (match.province, match.formerly) if match else None

    def _flooding(self, key: str) -> bool:
        now = time.monotonic()
        recent = self._recent[key]
        while recent and now - recent[0] > 60:
            recent.popleft()
        recent.append(now)
        return len(recent) > self.config.flood_per_minute

    def _services(self, query: ServiceQuery, locale: str) -> tuple[list, Reply]:
        found = self.directory.search(
            province=query.province, category=query.category, near=query.near, limit=5
        )
        if query.category and not found:  # nothing of that kind: show every kind nearby
            found = self.directory.search(province=query.province, near=query.near, limit=5)
        national = self.directory.national_lines()
        if not found and query.near is None:
            reply = self.responses.render(
                "no_services", locale, province=query.province, formerly=query.formerly
            )
            return [], reply
        reply = self.responses.render(
            "services",
            locale,
            services=found,
            national=national,
            province=query.province,
            formerly=query.formerly,
            near=query.near is not None,
        )
        return found, reply

    def _has_case(self, chat: Chat) -> bool:
        return self.cases.open_for(chat.key) is not None

    def _escalate(self, chat: Chat, session: Session, locale: str) -> list[Outgoing]:
        """She said yes to a counsellor: open a case and page the operators, with no content."""
        test = session.test_mode
        existing = self.cases.open_for(chat.key)
        if existing is not None:
            return [
                self.responses.render(
                    "consent_opened", locale, case_id=existing.id, test=existing.test
                )
            ]
        if test and not self.config.test_operators_configured:
            return [self.responses.render("consent_test_nowhere", locale)]
        now = datetime.now(VIETNAM)
        if not test and (not self.config.operators_configured or not self.hours.is_open(now)):
            return [
                self.responses.render(
                    "consent_outside_hours", locale, hours=self.config.operator_hours
                )
            ]
        category = session.pending_category or "talk_to_human"
        case = self.cases.open(
            chat_key=chat.key,
            category=category,
            urgent=category == "urgent_help",
            locale=locale,
            test=test,
            address=chat.address,
        )
        log.info("case opened case=%s category=%s test=%s", case.id, category, test)
        card = OperatorCard(
            case_id=case.id,
            locale=locale,
            category=category,
            urgent=case.urgent,
            opened_at=case.opened_at.astimezone(VIETNAM).isoformat(timespec="minutes"),
            test=test,
        )
        return [card, self.responses.render("consent_opened", locale, case_id=case.id, test=test)]

    def _relay(
        self, chat: Chat, text: str, urgency: safety.Urgency, session: Session
    ) -> Turn | None:
        """While a counsellor has her case, her words go to the counsellor, not to the model."""
        case = self.cases.open_for(chat.key)
        if case is None or case.status != "claimed":
            return None
        actions: list[Outgoing] = [RelayToOperator(case.id, text, case.test)]
        if urgency.is_urgent:  # the counsellor sees it too, but the numbers cannot wait
            actions.insert(
                0,
                self.responses.render(
                    "urgent",
                    session.locale or self.config.default_locale,
                    injured=urgency.injured,
                    child=urgency.child,
                    trafficking=urgency.trafficking,
                    test=case.test,
                ),
            )
        trace = Trace(urgent=urgency.is_urgent, urgent_reasons=urgency.reasons, escalated=True)
        return Turn(tuple(actions), trace)

    def _end_relay(self, chat: Chat, locale: str) -> list[Outgoing]:
        case = self.cases.open_for(chat.key)
        if case is None:
            return [self.responses.render("menu", locale)]
        self.cases.close(case.id, "ended_by_user")
        return [
            OperatorNotice(case.id, "operator_closed", case.test),
            self.responses.render("chat_ended", locale),
        ]

    def _tester_trace(self, trace: Trace, locale: str) -> Reply:
        return self.responses.render(
            "tester_trace",
            locale,
            intent=trace.intent,
            confidence=trace.confidence,
            urgent=trace.urgent,
            services=list(trace.services),
        )


def _replace(trace: Trace, **changes: object) -> Trace:
    return replace(trace, **changes)  # type: ignore[arg-type]
