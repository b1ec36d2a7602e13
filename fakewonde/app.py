"""The WSGI application: latency, injected faults and auth in front of the API routes."""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from fakewonde import admin, api
from fakewonde.faults import DEFAULT_TIMEOUT_SECONDS, DropConnection, Fault, SimulatedTimeout
from fakewonde.http import Request, Response, error, json_response

if TYPE_CHECKING:
    from fakewonde.world import FakeWonde

IN_PROCESS = "fakewonde.in_process"  # environ key set by the in-process transport
StartResponse = Callable[..., Any]


class WondeApp:
    def __init__(self, world: FakeWonde) -> None:
        self.world = world

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        request = Request.from_environ(environ)
        response = self.respond(request)
        start_response(response.status_line, response.wsgi_headers())
        return [response.body]

    def respond(self, request: Request) -> Response:
        if request.path.startswith(admin.PREFIX + "/") or request.path == admin.PREFIX:
            with self.world.lock:
                return admin.dispatch(self.world, request)
        if not request.path.startswith(api.PREFIX + "/"):
            return error(404, f"Nothing at {request.path}; the API lives under {api.PREFIX}")
        return self._api(request)

    def _api(self, request: Request) -> Response:
        world = self.world
        with world.lock:
            world.request_count += 1
        if world.latency > 0:
            time.sleep(world.latency)
        fault = world.faults.take(request.path)
        if fault is not None:
            early = self._fault_before(fault, request)
            if early is not None:
                return early
        if not self._authorised(request):
            return error(401, "A valid access token is required")
        with world.lock:
            response = api.dispatch(world, request)
        return _fault_after(fault, request, response) if fault is not None else response

    def _fault_before(self, fault: Fault, request: Request) -> Response | None:
        """A fault that replaces the answer; None lets the request through."""
        kind = fault.kind
        if kind == "latency":
            time.sleep(fault.seconds)
        elif kind == "timeout":
            if request.environ.get(IN_PROCESS):
                raise SimulatedTimeout(request.url)
            time.sleep(fault.seconds or DEFAULT_TIMEOUT_SECONDS)
        elif kind == "drop":
            raise DropConnection(request.url)
        elif kind == "429":
            headers = [("Retry-After", str(fault.retry_after))] if fault.retry_after else []
            return error(429, "Too many requests", headers)
        elif kind in ("500", "502", "503"):
            return error(int(kind), "The server had a problem; try again later")
        elif kind in ("401", "403", "404"):
            texts = {
                "401": "The access token is not valid",
                "403": "Access denied",
                "404": "Not found",
            }
            return error(int(kind), texts[kind])
        return None

    def _authorised(self, request: Request) -> bool:
        presented = presented_token(request.headers.get("authorization", ""))
        return presented is not None and hmac.compare_digest(presented, self.world.token)


def presented_token(header: str) -> str | None:
    """The token from `Bearer <token>` or `Basic base64("<token>:")`."""
    scheme, _, value = header.strip().partition(" ")
    value = value.strip()
    if scheme.lower() == "bearer" and value:
        return value
    if scheme.lower() == "basic" and value:
        try:
            user, _, _password = base64.b64decode(value, validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return user or None
    return None


def _fault_after(fault: Fault, request: Request, response: Response) -> Response:
    """A fault that bends a real answer: broken JSON, a cut-short page, a looping `next`."""
    if response.status != 200 or fault.kind not in (
        "malformed_json",
        "truncated_page",
        "next_loop",
    ):
        return response
    if fault.kind == "malformed_json":
        cut = response.body[: max(1, len(response.body) // 2)]
        return Response(200, cut, response.headers)
    payload = json.loads(response.body)
    paged = isinstance(payload, dict) and isinstance(payload.get("data"), list)
    if fault.kind == "truncated_page" and paged:
        data = payload["data"]
        meta = {k: v for k, v in (payload.get("meta") or {}).items() if k != "pagination"}
        return json_response({"data": data[: len(data) // 2], "meta": meta})
    if fault.kind == "next_loop" and paged and "pagination" in (payload.get("meta") or {}):
        pagination = {**payload["meta"]["pagination"], "next": request.url, "more": True}
        return json_response({**payload, "meta": {**payload["meta"], "pagination": pagination}})
    return response
