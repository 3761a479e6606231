"""What can go wrong talking to Supabase, in the terms the user acts on.

Every failure of the network or the server ends up as one of these, with a message a person can read; the
engine never lets a raw httpx or JSON error escape (Maestral's single error wrapper)."""

from __future__ import annotations

from sync.status import Reason, Status


class SyncError(Exception):
    """Base class; `str(error)` is the message for the user, `reason` what it means (sync/status.py)."""

    kind = Status.ERROR
    default_reason = Reason.UNKNOWN

    def __init__(self, message: str = "", *, reason: Reason | None = None) -> None:
        super().__init__(message)
        self.reason = self.default_reason if reason is None else reason


class OfflineError(SyncError):
    """The server could not be reached (no network, timeouts, or it kept failing): try again later."""

    kind = Status.OFFLINE
    default_reason = Reason.NO_ANSWER


class DeadlineError(OfflineError):
    """An answer took longer than the deadline of one request (a server sending it a trickle at a time). Not
    retried: each try would take as long again."""


class SignedOutError(SyncError):
    """The session ended (refresh token revoked or reused elsewhere): sign in again. The cache stays."""

    kind = Status.SIGNED_OUT


class NotSignedInError(SignedOutError):
    """No session at all yet on this computer."""


class CredentialsError(SyncError):
    """Sign-in refused: wrong email or password, unconfirmed email, and the like."""

    kind = Status.CREDENTIALS


class ServerError(SyncError):
    """The server answered, but with an error we cannot retry our way out of (bad URL, bad key, ...)."""

    kind = Status.SERVER
    default_reason = Reason.REFUSED


class BadResponseError(SyncError):
    """The answer was not what Supabase sends (not JSON, cut off, wrong shape)."""

    kind = Status.BAD_RESPONSE
    default_reason = Reason.DAMAGED


class BusyError(SyncError):
    """Another sync (this app, a second instance, a scheduled `vschool-crm sync`) holds the cache."""

    kind = Status.BUSY


class CancelledError(SyncError):
    kind = Status.CANCELLED


class KeptError(SyncError):
    """A reconciliation would have removed most (or all) of the cached data, most likely because the account lost
    its access: the cache is kept as it is until the user removes it or the server shows the rows again."""

    kind = Status.KEPT
