"""The errors a Wonde call can end in.

Permanent errors (401, 403, 404, 422) mean asking again will not help; transient ones (429, 5xx,
timeouts, dropped connections, a body that is not the JSON we expect) are retried with backoff and
only raised once the retries are spent.
"""

from __future__ import annotations


class WondeError(Exception):
    """Base of every error the client raises. `status` is the HTTP status, if there was one."""

    status: int | None = None
    permanent = False

    def __init__(self, message: str, *, status: int | None = None, code: str | None = None):
        super().__init__(message)
        self.status = status if status is not None else self.status
        self.code = code


class PermanentError(WondeError):
    permanent = True


class Unauthorized(PermanentError):
    """401: the token is missing, wrong or revoked."""

    status = 401


class AccessDenied(PermanentError):
    """403: the school has not approved us, revoked access, or not granted this scope."""

    status = 403


class NotFound(PermanentError):
    """404: unknown school or record."""

    status = 404


class ValidationFailed(PermanentError):
    """422: a write with bad fields."""

    status = 422


class TransientError(WondeError):
    """Worth retrying: the server or the network may do better next time."""


class RateLimited(TransientError):
    status = 429

    def __init__(self, message: str, *, retry_after: float | None = None, code: str | None = None):
        super().__init__(message, status=429, code=code)
        self.retry_after = retry_after


class ServerError(TransientError):
    """5xx, or any other status we do not expect."""


class NetworkError(TransientError):
    """A timeout or a dropped connection."""


class MalformedResponse(TransientError):
    """The body was not the JSON envelope Wonde sends (cut short, not JSON, no `data`)."""
