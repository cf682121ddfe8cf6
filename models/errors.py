"""The program's own error types.

Every error that can reach a user carries a Vietnamese message in
``message`` (one line, no traceback). Code below the UI raises these and
nothing else for bad input, so the UI and the command line can show
``str(err)`` as is.
"""

from __future__ import annotations


class AppError(Exception):
    """Base of every error a user may see; ``message`` is Vietnamese."""

    exit_code: int = 1

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail  # technical detail for logs / --debug, may be English

    def __str__(self) -> str:
        return self.message


class InputError(AppError):
    """A value typed or read from a file is not acceptable."""

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        row: int | None = None,
        detail: str | None = None,
    ) -> None:
        super().__init__(message, detail=detail)
        self.field = field
        self.row = row


class ParseError(InputError):
    """A number, date, period code or phrase could not be read."""


class DatabaseError(AppError):
    """The database cannot be opened, is damaged, or is from a newer program."""

    exit_code = 2


class NewerDatabaseError(DatabaseError):
    """The database was written by a newer version of the program."""


class PermissionDenied(AppError):
    """The signed-in user's role does not allow the action."""

    exit_code = 3


class PeriodLockedError(AppError):
    """The period is locked (đã chốt số liệu); unlock it first."""


class NotFoundError(AppError):
    """A record, file or period that was asked for does not exist."""


class BundleError(AppError):
    """A data bundle is refused (bad checksum, signature, format, scope...)."""

    exit_code = 4
