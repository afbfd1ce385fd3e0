"""What can go wrong with the directory, each error's docstring its message (as sqlite-utils)."""

from __future__ import annotations

from referral_db.validate import RowError


class DirectoryError(Exception):
    """The referral directory could not do that."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.__doc__)


class DirectoryMissing(DirectoryError):
    """No directory database there; create one with: python -m referral_db init"""


class UnknownService(DirectoryError):
    """No service has that id."""


class RowsRejected(DirectoryError):
    """Some rows are invalid, so nothing was written."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{self.__doc__} {len(errors)} problem(s); first: {errors[0]}")
        self.errors = errors
