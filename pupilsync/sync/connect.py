"""The Wonde client for the running configuration, at a school's own region if we know it."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings

from pupilsync.metrics import observe_wonde
from wonde import WondeClient, errors
from wonde.client import regional_url

if TYPE_CHECKING:
    from pupilsync.models import School


def at_wonde(host: str) -> bool:
    """Regions are Wonde's own hosts: a fake or a proxy in WONDE_API_URL is used as it is."""
    host = host.split(":", 1)[0].lower()
    return host == "wonde.com" or host.endswith(".wonde.com")


def wonde_client(school: School | None = None) -> WondeClient:
    base_url = settings.WONDE_API_URL
    if school is not None and school.wonde_domain and at_wonde(urlsplit(base_url).netloc):
        base_url = regional_url(base_url, school.wonde_domain)
    return WondeClient(
        settings.WONDE_API_TOKEN,
        base_url=base_url,
        timeout=settings.WONDE_TIMEOUT,
        observe=observe_wonde,
        auth=settings.WONDE_AUTH,
    )


def region_of(client: WondeClient, wonde_id: str) -> str:
    """The school's `region.domain` from `/schools/{id}`; empty when Wonde does not say."""
    try:
        region = client.school(wonde_id).region
    except errors.WondeError:
        return ""
    return (region.host if region else None) or ""


def follow_region(school: School, client: WondeClient) -> None:
    """Read the school's region once, keep it, and send this client's requests there."""
    if not school.wonde_domain:
        domain = region_of(client, school.wonde_id)
        if not domain:
            return
        type(school).objects.filter(pk=school.pk).update(wonde_domain=domain)
        school.wonde_domain = domain
    if school.wonde_domain != client.host and at_wonde(client.host):
        client.use_region(school.wonde_domain)
