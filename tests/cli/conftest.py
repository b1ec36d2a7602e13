"""The fake Wonde served on a local port, as the command line reaches it."""

import threading
from collections.abc import Iterator
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest

from fakewonde import DEMO_TOKEN


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def served(world, settings) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, world.wsgi_app(), handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WONDE_API_URL = f"http://127.0.0.1:{server.server_port}/v1.0"
    settings.WONDE_API_TOKEN = DEMO_TOKEN
    yield settings.WONDE_API_URL
    server.shutdown()
