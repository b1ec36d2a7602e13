"""The Wonde client for the running configuration."""

from __future__ import annotations

from django.conf import settings

from pupilsync.metrics import observe_wonde
from wonde import WondeClient


def wonde_client() -> WondeClient:
    return WondeClient(
        settings.WONDE_API_TOKEN,
        base_url=settings.WONDE_API_URL,
        timeout=settings.WONDE_TIMEOUT,
        observe=observe_wonde,
    )
