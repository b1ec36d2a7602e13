"""Error reports to Sentry when SENTRY_DSN is set, with nothing about pupils or secrets in them.

What is sent is the code's part of an error: exception types, stack frames (file, function,
line) and log message templates. What is never sent: request bodies, cookies, headers, query
strings, local variables, log arguments, exception messages (a record's values end up in them),
breadcrumb data and users. `scrub` enforces this on every event, whatever the SDK collected.
"""

from __future__ import annotations

from typing import Any

KEPT_REQUEST = ("method", "url")  # the url without its query string
KEPT_FRAME = ("filename", "abs_path", "module", "function", "lineno", "colno", "in_app")
REDACTED = "[removed]"


def scrub(event: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    for key in ("user", "extra", "contexts", "server_name", "modules"):
        event.pop(key, None)
    if "request" in event:
        request = event["request"]
        url = str(request.get("url", "")).split("?", 1)[0]
        event["request"] = {k: request[k] for k in KEPT_REQUEST if k in request} | {"url": url}
    for exception in (event.get("exception") or {}).get("values") or []:
        if exception.get("value"):
            exception["value"] = REDACTED
        _scrub_frames(exception.get("stacktrace"))
    for thread in (event.get("threads") or {}).get("values") or []:
        _scrub_frames(thread.get("stacktrace"))
    _scrub_frames(event.get("stacktrace"))
    if "logentry" in event:
        template = event["logentry"].get("message", "")
        event["logentry"] = {"message": template}
    event.pop("message", None)  # the formatted line, arguments and all
    crumbs = event.get("breadcrumbs")
    if crumbs:
        values = crumbs.get("values", []) if isinstance(crumbs, dict) else crumbs
        event["breadcrumbs"] = {
            "values": [
                {k: crumb[k] for k in ("timestamp", "category", "level", "type") if k in crumb}
                for crumb in values
            ]
        }
    return event


def _scrub_frames(stacktrace: dict[str, Any] | None) -> None:
    if not stacktrace:
        return
    stacktrace["frames"] = [
        {k: frame[k] for k in KEPT_FRAME if k in frame} for frame in stacktrace.get("frames", [])
    ]


def init(dsn: str, *, environment: str = "") -> None:
    """Called by the settings when SENTRY_DSN is set."""
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        include_source_context=False,
        max_request_body_size="never",
        traces_sample_rate=0.0,
        before_send=scrub,  # type: ignore[arg-type]
        before_send_transaction=scrub,  # type: ignore[arg-type]
    )
