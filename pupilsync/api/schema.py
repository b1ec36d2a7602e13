"""The API's OpenAPI schema, and the copy of it checked in at docs/api/openapi.json.

CI compares the two (tests/api/test_schema.py); `pupilsync api schema` rewrites the copy after
an endpoint or a schema changes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.json"


def served() -> dict[str, Any]:
    from pupilsync.api.views import api

    return dict(api.get_openapi_schema())


def as_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def write(path: Path | None = None) -> None:
    path = path or COMMITTED
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(as_text(served()))


def is_current(path: Path | None = None) -> bool:
    path = path or COMMITTED
    return path.exists() and path.read_text() == as_text(served())
