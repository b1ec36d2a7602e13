"""scripts/services.py: a service that is down is started, or the reason it stays down is given."""

import socket

from scripts.services import Service, ensure


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_service_that_answers_needs_nothing():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        assert ensure(Service("Thing", port, "")) is None


def test_a_service_that_is_down_and_cannot_be_started_says_why():
    port = _free_port()
    problem = ensure(Service("Thing", port, ""))
    assert problem is not None
    assert "Thing" in problem and str(port) in problem
