"""One turn of the conversation: understand -> decide -> carry out -> say.

Every channel calls Engine.handle. The engine gathers the facts (what the message means, her
open case, whether counsellors are online, the conversation's memory), the pure policy
(bot.core.policy) returns the whole decision, the engine carries out its effects (open a case,
search the directory, wipe) and renders every reply once, at the end. Nothing reaches the
model or the policy without first passing the safety screen, and an unavailable model never
makes the bot silent.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, replace
from datetime import datetime

from bot.clock import VIETNAM
from bot.core import language
from bot.core.events import (
    DeleteMessages,
    Incoming,
    Outgoing,
    RelayToOperator,
    Renderer,
    Reply,
    Trace,
    Turn,
)
from bot.core.flood import FloodGuard
from bot.core.handoff import end_case, open_case
from bot.core.lookup import find_services
from bot.core.policy.buttons import decide_button
from bot.core.policy.commands import decide_command, decide_location
from bot.core.policy.decision import KEEP, Decision, Facts, Say, Thresholds
from bot.core.policy.typed import before_model, decide_text
from bot.core.session import Session, SessionStore
from bot.core.understanding import Understanding, understand, without_model
from bot.escalation.cases import CaseStore
from bot.escalation.hours import OperatorHours
from nlu.client import Nlu, NluUnavailable, Parse
from referral_db.directory import Directory

log = logging.getLogger("antam.engine")
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
    max_message_chars: int = 4096  # Telegram's limit: the screen reads all of it
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
        responses: Renderer,
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
        self.flood = FloodGuard(config.flood_per_minute)

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
        """What the bot would understand and decide for one message, with no side effects."""
        text = text[: self.config.max_message_chars]
        u = await self.understand(text)
        facts = Facts(session=Session(key="classify"))
        decision = decide_text(u, facts, self.config.thresholds)
        situation = next(
            (say.params.get("situation") for say in decision.say if say.key == "urgent"), None
        )
        reply = decision.say[0].key if decision.say else None
        return {"text": text, **u.as_dict(), "situation": situation, "reply": reply}

    async def understand(self, text: str) -> Understanding:
        """The shared "understand" step of the turn and of classify."""
        t = self.config.thresholds
        return await understand(text, self._parse, t.urgent, uncued_threshold=t.urgent_uncued)

    # -- the turn ---------------------------------------------------------------------------

    async def _turn(
        self, chat: Chat, incoming: Incoming, session: Session
    ) -> tuple[Turn, Session]:
        facts = self._facts(chat, session)
        if incoming.kind == "text":
            return await self._text(chat, incoming, facts)
        session = session.with_(locale=self._locale(session, None, incoming))
        facts = replace(facts, session=session)
        if incoming.kind == "command":
            decision = decide_command(incoming.text.lower(), incoming.args, facts)
        elif incoming.kind == "button":
            decision = decide_button(incoming.text, facts)
        elif incoming.kind == "location" and incoming.location is not None:
            decision = decide_location(incoming.location)
        else:
            kind = incoming.text or "other"
            decision = Decision(say=(Say("unsupported", {"kind": kind}),), next_state=KEEP)
        return self._carry_out(chat, incoming, session, decision, Trace(language=None))

    async def _text(self, chat: Chat, incoming: Incoming, facts: Facts) -> tuple[Turn, Session]:
        # Telegram allows 4,096 characters; the screen reads all of them.
        text = incoming.text[: self.config.max_message_chars]
        # First without the model (the screen, who, when, the cues): enough to decide a relay
        # to her counsellor, whose words must not reach the model, or a flood.
        bare = await understand(text, without_model, self.config.thresholds.urgent)
        facts = replace(
            facts,
            flooding=self.flood.flooding(chat.key),
            warned=self.flood.warned_recently(chat.key),
        )
        early = before_model(bare, facts)
        session = facts.session
        if early is not None:
            if early.say and early.say[0].key == "flood":
                self.flood.warn(chat.key)
            trace = Trace(
                urgent=bare.urgency.is_urgent,
                urgent_reasons=bare.urgency.reasons,
                escalated=early.relay,
                who=bare.who,
                when=bare.when,
            )
            return self._carry_out(chat, incoming, session, early, trace, text=text)
        t = self.config.thresholds
        # Danger the screen saw needs no model: the numbers go out without waiting for a parse
        # (which may queue behind other chats' parses, up to the time-out).
        u = (
            bare
            if bare.urgency.is_urgent
            else await understand(
                text, self._parse, t.urgent, bare.urgency, uncued_threshold=t.urgent_uncued
            )
        )
        session = session.with_(locale=self._locale(session, u.language, incoming))
        facts = replace(facts, session=session)
        decision = decide_text(u, facts, self.config.thresholds)
        trace = Trace(
            language=u.language,
            intent=u.intent,
            confidence=u.confidence,
            urgent=u.urgency.is_urgent,
            urgent_reasons=u.urgency.reasons,
            province=u.province[0] if u.province else None,
            nlu_available=u.parse is not None,
            who=u.who,
            when=u.when,
        )
        return self._carry_out(chat, incoming, session, decision, trace, text=text)

    def _facts(self, chat: Chat, session: Session) -> Facts:
        """What the policy needs beyond the message: her case, the counsellors, the memory."""
        case = self.cases.open_for(chat.key)
        return Facts(
            session=session,
            case=case.status if case is not None else None,
            case_test=bool(case and case.test),
            operators_open=self.config.operators_configured
            and self.hours.is_open(datetime.now(VIETNAM)),
            operator_hours=self.config.operator_hours,
            test_operators=self.config.test_operators_configured,
            is_tester=chat.is_tester,
        )

    def _carry_out(
        self,
        chat: Chat,
        incoming: Incoming,
        session: Session,
        decision: Decision,
        trace: Trace,
        text: str = "",
    ) -> tuple[Turn, Session]:
        """Perform the decision's effects, then render its replies once, in her locale."""
        if decision.choose_locale:
            session = session.with_(locale=decision.choose_locale, locale_chosen=True)
        if decision.test_mode is not None:
            session = session.with_(test_mode=decision.test_mode)
        locale = session.locale or self.config.default_locale
        if decision.wipe:
            ids = self.sessions.take_messages(chat.key)
            keep = Session(
                key=session.key,
                locale=session.locale,
                locale_chosen=session.locale_chosen,
                test_mode=session.test_mode,
            )
            # A counsellor's next message would land in the chat she has just cleared, maybe
            # because someone is looking at her phone: her open case ends with the wipe.
            notice = end_case(self.cases, chat.key, "wiped_by_user")
            wiped: list[Outgoing] = [DeleteMessages(ids), *([notice] if notice else [])]
            wiped.append(self.responses.render("wiped", locale))
            return Turn(tuple(wiped), trace), keep
        says = list(decision.say)
        if says:
            trace = replace(
                trace,
                reply=says[0].key,
                situation=next(
                    (s.params.get("situation") for s in says if s.key == "urgent"), None
                ),
            )
            if trace.situation and not trace.urgent:  # "Get help now" pressed: an emergency
                trace = replace(trace, urgent=True)
        actions: list[Outgoing] = []
        case = self.cases.open_for(chat.key)
        if decision.open_case is not None:
            case, card = open_case(
                self.cases, chat.key, chat.address, locale, decision.open_case, session.test_mode
            )
            actions.append(card)
            trace = replace(trace, escalated=True)
        elif any(s.key == "consent_opened" for s in says):
            trace = replace(trace, escalated=case is not None)
        says = [
            Say(s.key, {**s.params, "case_id": case.id})
            if s.key == "consent_opened" and case is not None
            else s
            for s in says
        ]
        actions.extend(self.responses.render(s.key, locale, **s.params) for s in says)
        if decision.relay and case is not None:
            actions.append(RelayToOperator(case.id, text, case.test))
        if decision.find_services is not None:
            services, reply = find_services(
                self.directory, self.responses, decision.find_services, locale
            )
            actions.append(reply)
            trace = replace(trace, services=tuple(s.id for s in services))
            if decision.find_services.province and trace.province is None:
                trace = replace(trace, province=decision.find_services.province)
        if decision.end_relay:
            actions.extend(self._end_relay(chat, locale))
        if decision.next_state != KEEP:
            session = session.with_(state=decision.next_state)
        if decision.remember:
            session = session.with_(**decision.remember)
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

    def _end_relay(self, chat: Chat, locale: str) -> list[Outgoing]:
        notice = end_case(self.cases, chat.key, "ended_by_user")
        if notice is None:
            return [self.responses.render("menu", locale)]
        return [notice, self.responses.render("chat_ended", locale)]

    def _tester_trace(self, trace: Trace, locale: str) -> Reply:
        return self.responses.render(
            "tester_trace",
            locale,
            intent=trace.intent,
            confidence=trace.confidence,
            urgent=trace.urgent,
            services=list(trace.services),
        )
