"""Sealed addresses: round trip, random tokens, refusal of a wrong secret or a changed token."""

from __future__ import annotations

import pytest

from bot.escalation.sealing import Sealer, SealError


@pytest.mark.parametrize("address", ["123456789", "-1001234567890", "zalo:abc", "ünïcode"])
def test_round_trip(address):
    sealer = Sealer("s3cret")
    token = sealer.seal(address)
    assert address not in token
    assert sealer.unseal(token) == address
    assert Sealer("s3cret").unseal(token) == address  # same secret after a restart


def test_tokens_differ_each_time():
    sealer = Sealer("s3cret")
    assert sealer.seal("42") != sealer.seal("42")


def test_wrong_secret_and_tampering_are_refused():
    token = Sealer("s3cret").seal("42")
    with pytest.raises(SealError):
        Sealer("other").unseal(token)
    with pytest.raises(SealError):
        Sealer("s3cret").unseal(token[:-4] + "AAAA")


def test_empty_secret_is_refused():
    with pytest.raises(ValueError):
        Sealer("")
