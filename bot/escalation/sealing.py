"""Seal a user's channel address so the case store can keep it on disk without the raw id."""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

# A fixed label keeps this key apart from any other key derived from the same secret
# (chat keys are an HMAC of the same ID_SECRET, made elsewhere).
_INFO = b"antam/escalation/address-seal/v1"


class SealError(Exception):
    """A sealed address could not be opened: wrong secret, or the value was altered."""


class Sealer:
    """Encrypt and authenticate short strings (chat ids) with a key derived from a secret."""

    def __init__(self, secret: str) -> None:
        if not secret:
            raise ValueError("Sealer needs a non-empty secret")
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
            secret.encode("utf-8")
        )
        self._fernet = Fernet(base64.urlsafe_b64encode(key))

    def seal(self, value: str) -> str:
        """A Fernet token for value: random each time, unreadable without the secret."""
        return self._fernet.encrypt(value.encode("utf-8")).decode("ascii")

    def unseal(self, token: str) -> str:
        """The value sealed in token; SealError if the secret differs or the token was changed."""
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except (InvalidToken, ValueError) as exc:
            raise SealError(SealError.__doc__) from exc
