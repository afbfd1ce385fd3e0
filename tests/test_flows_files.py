"""Every flow in flows/ passes against the trained model: the community workers' checks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.flows import report, runner
from bot.flows.reader import find_files, load
from bot.settings import Settings

FLOWS = Path(__file__).resolve().parent.parent / "flows"


def test_there_are_at_least_40_flows_and_every_file_reads() -> None:
    flows = [flow for path in find_files([FLOWS]) for flow in load(path)]
    assert len(flows) >= 40
    assert len({flow.name for flow in flows}) == len(flows), "two flows share a name"


@pytest.mark.anyio
@pytest.mark.model
async def test_every_flow_passes_with_the_trained_model(trained_model: Path) -> None:
    from nlu.client import InProcessNlu

    # The real directory database when `make` built one, else the runner builds it from seed.
    base = Settings(data_dir=Path(os.environ.get("DATA_DIR") or "data"))
    nlu = InProcessNlu(trained_model)  # loaded once, for every flow

    try:
        outcome = await runner.run([FLOWS], base, nlu=nlu)
    finally:
        await nlu.close()
    assert outcome.flows and outcome.passed, report.text(outcome)
