"""Just enough HTTP on top of WSGI: a parsed request, a response, JSON and error bodies."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fakewonde.render import dumps

ERROR_CODES = {
    401: "invalid_token",
    403: "access_denied",
    404: "not_found",
    422: "validation_error",
    429: "rate_limited",
}


@dataclass
class Request:
    method: str
    path: str  # e.g. /v1.0/schools/A1/students
    query: list[tuple[str, str]]
    raw_query: str
    origin: str  # scheme://host[:port], so absolute URLs point back at whoever asked
    headers: dict[str, str]  # lower-case names
    body: bytes = b""
    environ: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_environ(cls, environ: dict[str, Any]) -> Request:
        raw_query = environ.get("QUERY_STRING", "")
        headers = {
            key[5:].replace("_", "-").lower(): value
            for key, value in environ.items()
            if key.startswith("HTTP_")
        }
        return cls(
            method=environ.get("REQUEST_METHOD", "GET").upper(),
            path=environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""),
            query=parse_qsl(raw_query, keep_blank_values=True),
            raw_query=raw_query,
            origin=_origin(environ),
            headers=headers,
            body=_body(environ),
            environ=environ,
        )

    def param(self, name: str) -> str | None:
        for key, value in self.query:
            if key == name:
                return value
        return None

    @property
    def url(self) -> str:
        """The URL as asked for, query string untouched."""
        return self.origin + self.path + (f"?{self.raw_query}" if self.raw_query else "")

    def url_with(self, **changes: str) -> str:
        """This URL with some query parameters replaced (in place) or added; the rest kept."""
        pairs: list[tuple[str, str]] = []
        pending = dict(changes)
        for key, value in self.query:
            if key in changes:
                if key in pending:
                    pairs.append((key, pending.pop(key)))
                continue
            pairs.append((key, value))
        pairs.extend(pending.items())
        return f"{self.origin}{self.path}?{urlencode(pairs)}"

    def json(self) -> Any:
        return json.loads(self.body) if self.body.strip() else None


@dataclass
class Response:
    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)

    @property
    def status_line(self) -> str:
        try:
            return f"{self.status} {HTTPStatus(self.status).phrase}"
        except ValueError:
            return f"{self.status} Unknown"

    def wsgi_headers(self) -> list[tuple[str, str]]:
        return [*self.headers, ("Content-Length", str(len(self.body)))]


def json_response(
    payload: Any, status: int = 200, headers: list[tuple[str, str]] | None = None
) -> Response:
    body = dumps(payload).encode()
    all_headers = [("Content-Type", "application/json"), *(headers or [])]
    return Response(status, body, all_headers)


def raw_json_response(text: str, status: int = 200) -> Response:
    """A response whose JSON text was assembled from cached pieces."""
    return Response(status, text.encode(), [("Content-Type", "application/json")])


def error(
    status: int,
    description: str,
    headers: list[tuple[str, str]] | None = None,
    code: str | None = None,
) -> Response:
    """The contract's error body: {"error": code, "error_description": text}."""
    code = code or ERROR_CODES.get(status, "server_error" if status >= 500 else "error")
    return json_response({"error": code, "error_description": description}, status, headers)


def _origin(environ: dict[str, Any]) -> str:
    scheme = environ.get("wsgi.url_scheme", "http")
    host = environ.get("HTTP_HOST")
    if not host:
        host = environ.get("SERVER_NAME", "localhost")
        port = environ.get("SERVER_PORT", "")
        if port and port != {"http": "80", "https": "443"}.get(scheme):
            host = f"{host}:{port}"
    return f"{scheme}://{host}"


def _body(environ: dict[str, Any]) -> bytes:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    stream = environ.get("wsgi.input")
    return stream.read(length) if stream is not None and length > 0 else b""
