"""An in-process httpx transport onto the fake, with network failures made real for httpx."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx

from fakewonde.app import IN_PROCESS, StartResponse
from fakewonde.faults import DropConnection, SimulatedTimeout

if TYPE_CHECKING:
    from fakewonde.world import FakeWonde


class InProcessTransport(httpx.BaseTransport):
    """httpx.WSGITransport onto the world's app, raising httpx.ReadTimeout for an injected
    'timeout' and httpx.RemoteProtocolError for a 'drop', as a real connection would."""

    def __init__(self, world: FakeWonde) -> None:
        self._app = world.wsgi_app()
        self._wsgi = httpx.WSGITransport(app=self._marked)

    def _marked(self, environ: dict[str, Any], start_response: StartResponse) -> Any:
        environ[IN_PROCESS] = True
        return self._app(environ, start_response)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return self._wsgi.handle_request(request)
        except SimulatedTimeout:
            raise httpx.ReadTimeout("timed out (injected fault)", request=request) from None
        except DropConnection:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response. (injected fault)",
                request=request,
            ) from None
