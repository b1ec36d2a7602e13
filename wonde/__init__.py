"""A client for the Wonde API. It imports no Django."""

from wonde import errors
from wonde.client import DEFAULT_BASE_URL, AccessContact, WondeClient
from wonde.retry import NO_RETRY, RetryPolicy

__all__ = ["DEFAULT_BASE_URL", "NO_RETRY", "AccessContact", "RetryPolicy", "WondeClient", "errors"]
