"""Assemble the conversation core from Settings: stores, directory, catalogs and the NLU."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.core.engine import Engine, EngineConfig
from bot.core.policy.decision import Thresholds
from bot.core.session import SessionStore
from bot.escalation.cases import CaseStore
from bot.escalation.hours import OperatorHours
from bot.escalation.sealing import Sealer
from bot.responses.render import Responses
from bot.settings import Settings
from nlu.client import HttpNlu, InProcessNlu, Nlu
from referral_db.seed import open_directory

log = logging.getLogger("antam.app")


@dataclass
class App:
    """Everything one bot process shares between channels."""

    settings: Settings
    engine: Engine
    nlu: Nlu | None
    cases: CaseStore
    responses: Responses


def make_nlu(settings: Settings) -> Nlu | None:
    """The NLU the settings ask for: a Rasa server, the trained model in-process, or none."""
    if settings.nlu_url:
        return HttpNlu(settings.nlu_url)
    from nlu.train import latest_model  # imports no rasa until a model is loaded

    model = settings.nlu_model or latest_model()
    if model is None:
        log.warning("no trained NLU model found: answering with the safety screen and menus")
        return None
    return InProcessNlu(model)


def build(settings: Settings, nlu: Nlu | None = None, *, load_nlu: bool = True) -> App:
    """Open the databases and build the engine. Call start_nlu() inside the event loop."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    for problem in settings.startup_problems:  # the bot still answers; someone must act
        log.error("start-up: %s", problem)
    if nlu is None and load_nlu:
        nlu = make_nlu(settings)
    sessions = SessionStore(settings.state_db)
    cases = CaseStore(sessions.db, Sealer(settings.id_secret))
    responses = Responses()
    config = EngineConfig(
        default_locale=settings.default_locale,
        max_message_chars=settings.max_message_chars,
        flood_per_minute=settings.flood_per_minute,
        operator_hours=settings.operator_hours,
        operators_configured=settings.operator_chat_id is not None,
        test_operators_configured=settings.test_operator_chat_id is not None,
        thresholds=Thresholds(),
    )
    engine = Engine(
        config=config,
        nlu=nlu,
        directory=open_directory(settings.directory_db, demo=settings.directory_demo),
        responses=responses,
        sessions=sessions,
        cases=cases,
        hours=OperatorHours.parse(settings.operator_hours),
    )
    return App(settings=settings, engine=engine, nlu=nlu, cases=cases, responses=responses)
