"""Log lines as JSON (LOG_FORMAT=json), each carrying the request, school and run it concerns.

The request id comes from the X-Request-ID header a proxy sets (or is made up), through a
context variable, so every line logged while serving that request carries it. The school and
run ids come from `bind(school=..., run=...)` or a call's `extra=`.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.http import HttpRequest, HttpResponse

# Immutable values only: a bound context is replaced, never changed in place.
CONTEXT: contextvars.ContextVar[tuple[tuple[str, Any], ...]] = contextvars.ContextVar(
    "log_context", default=()
)
FIELDS = ("request_id", "school", "run")
# A proxy's request id is echoed into logs: only a short, plain token is taken from outside.
SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


@contextmanager
def bind(**values: Any) -> Iterator[None]:
    token = CONTEXT.set(tuple((dict(CONTEXT.get()) | values).items()))
    try:
        yield
    finally:
        CONTEXT.reset(token)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        context = dict(CONTEXT.get())
        for name in FIELDS:
            value = getattr(record, name, context.get(name))
            if value is not None:
                line[name] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        request_id = given if SAFE_ID.fullmatch(given) else uuid.uuid4().hex
        with bind(request_id=request_id):
            response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response
