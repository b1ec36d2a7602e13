"""Serve a fake world over real HTTP (threaded wsgiref, quiet), for demos and end-to-end tests."""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
from socketserver import ThreadingMixIn
from types import TracebackType
from typing import IO, Any, cast
from wsgiref.simple_server import ServerHandler, WSGIRequestHandler, WSGIServer, make_server

from fakewonde.faults import DropConnection
from fakewonde.world import FakeWonde


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class _Handler(ServerHandler):
    def handle_error(self) -> None:
        if isinstance(sys.exc_info()[1], DropConnection):
            self._hang_up()
            return
        super().handle_error()

    def _hang_up(self) -> None:
        # An injected 'drop': close the socket before a single byte of the response is sent.
        request_handler = getattr(self, "request_handler", None)
        if request_handler is not None:
            request_handler.close_connection = True
            with contextlib.suppress(OSError):
                request_handler.connection.shutdown(socket.SHUT_RDWR)


class _QuietRequestHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def handle(self) -> None:
        # As WSGIRequestHandler.handle, but with a handler that can hang up on purpose.
        self.raw_requestline = self.rfile.readline(65537)
        if len(self.raw_requestline) > 65536:
            self.send_error(414)
            return
        if not self.parse_request():
            return
        output = cast(IO[bytes], self.wfile)
        handler = _Handler(
            self.rfile, output, self.get_stderr(), self.get_environ(), multithread=True
        )
        handler.request_handler = self  # type: ignore[attr-defined]
        handler.run(self.server.get_app())  # type: ignore[attr-defined]


class RunningServer:
    """A server on a background thread: `with background(world) as server: server.base_url`."""

    def __init__(self, httpd: WSGIServer) -> None:
        self.httpd = httpd
        host, port = httpd.server_address[:2]
        host_text = host.decode() if isinstance(host, bytes) else host
        self.base_url = f"http://{host_text}:{port}/v1.0"
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> RunningServer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()


def make(world: FakeWonde, host: str = "127.0.0.1", port: int = 8765) -> WSGIServer:
    return make_server(
        host,
        port,
        world.wsgi_app(),
        server_class=_ThreadingServer,
        handler_class=_QuietRequestHandler,
    )


def serve(world: FakeWonde, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Serve until interrupted."""
    httpd = make(world, host, port)
    try:
        httpd.serve_forever()
    finally:
        httpd.server_close()


def background(world: FakeWonde, host: str = "127.0.0.1", port: int = 0) -> RunningServer:
    """Serve on a background thread (port 0 picks a free port)."""
    return RunningServer(make(world, host, port))
