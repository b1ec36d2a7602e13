"""`/healthz`: whether this web process reaches the database and the task queue.

For load balancers and uptime checks: no sign-in, and nothing in it about any school.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from huey.contrib.djhuey import HUEY

log = logging.getLogger(__name__)


def check_database() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


def check_queue() -> dict[str, Any]:
    return {"ok": True, "pending": HUEY.pending_count()}


CHECKS = {"database": check_database, "queue": check_queue}


def run_checks() -> dict[str, dict[str, Any]]:
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as error:
            # The kind of failure only: a message may carry a host name or a password.
            log.warning("health check %s failed: %s", name, type(error).__name__)
            results[name] = {"ok": False, "error": type(error).__name__}
    return results


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    results = run_checks()
    healthy = all(result["ok"] for result in results.values())
    return JsonResponse({"ok": healthy, **results}, status=200 if healthy else 503)
