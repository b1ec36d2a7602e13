"""Webhook addresses: only names that resolve to public addresses, unless allowed."""

from __future__ import annotations

import pytest

from pupilsync.api import addresses


@pytest.fixture
def resolving_to(monkeypatch):
    def point(*found: str) -> None:
        monkeypatch.setattr(addresses, "resolve", lambda host, port: list(found))

    return point


@pytest.mark.parametrize(
    "address", ["127.0.0.1", "10.1.2.3", "192.168.0.9", "169.254.169.254", "::1", "fd00::1"]
)
def test_it_refuses_a_name_that_resolves_inside(resolving_to, address):
    resolving_to(address)
    assert not addresses.is_public("https://host.example/hook")


def test_it_accepts_a_name_that_resolves_to_public_addresses(resolving_to):
    resolving_to("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c")
    assert addresses.is_public("https://host.example/hook")


def test_one_private_address_among_public_ones_is_refused(resolving_to):
    resolving_to("93.184.215.14", "127.0.0.1")
    assert not addresses.is_public("https://host.example/hook")


def test_a_name_that_does_not_resolve_is_refused(monkeypatch):
    def fail(host: str, port: int) -> list[str]:
        raise OSError("no such name")

    monkeypatch.setattr(addresses, "resolve", fail)
    assert not addresses.is_public("https://nowhere.example/hook")


def test_the_setting_allows_private_addresses(resolving_to, settings):
    settings.WEBHOOK_ALLOW_PRIVATE = True
    resolving_to("127.0.0.1")
    assert addresses.is_public("https://localhost/hook")
