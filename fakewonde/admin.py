"""`/_fake/...`: unauthenticated controls for demos and tests (never part of Wonde's API)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from fakewonde.http import Request, Response, error, json_response
from fakewonde.permissions import IDENTITIES

if TYPE_CHECKING:
    from fakewonde.world import FakeWonde

PREFIX = "/_fake"
Handler = Callable[["FakeWonde", Request, dict[str, str]], Response]


def dispatch(world: FakeWonde, request: Request) -> Response:
    path = request.path[len(PREFIX) :].rstrip("/") or "/"
    for method, pattern, handler in ROUTES:
        match = pattern.fullmatch(path)
        if match and method == request.method:
            try:
                return handler(world, request, match.groupdict())
            except KeyError as missing:
                return error(404, f"Unknown school {missing}")
            except (TypeError, ValueError) as problem:
                return error(422, str(problem))
    return error(404, f"No admin route for {request.method} {request.path}")


def _schools(world: FakeWonde, request: Request, _: dict[str, str]) -> Response:
    return json_response(
        {
            "clock": world.clock.isoformat(),
            "request_count": world.request_count,
            "schools": [
                {
                    "id": s.id,
                    "name": s.name,
                    "state": s.state,
                    "phase": s.phase,
                    "students": len(s.students),
                    "leavers": len(s.leavers),
                    "permissions": dict(s.permissions),
                }
                for s in world.schools.values()
            ],
        }
    )


def _advance_day(world: FakeWonde, request: Request, args: dict[str, str]) -> Response:
    body = _body(request)
    changes = world.advance_day(args["school"], seed=body.get("seed"))
    return json_response({"clock": world.clock.isoformat(), **asdict(changes)})


def _state_change(world: FakeWonde, request: Request, args: dict[str, str]) -> Response:
    change = {"approve": world.approve, "decline": world.decline, "revoke": world.revoke}
    change[args["action"]](args["school"])
    return json_response({"id": args["school"], "state": world.schools[args["school"]].state})


def _migrate(world: FakeWonde, request: Request, args: dict[str, str]) -> Response:
    body = _body(request)
    renamed = world.migrate(args["school"], to=str(body.get("to") or "Arbor"))
    return json_response({"id": args["school"], "renamed": len(renamed)})


def _inject(world: FakeWonde, request: Request, _: dict[str, str]) -> Response:
    body = _body(request)
    retry_after = body.get("retry_after")
    world.faults.inject(
        str(body["kind"]) if "kind" in body else "",
        path=str(body.get("path") or ""),
        times=int(body.get("times") or 1),
        retry_after=None if retry_after is None else int(retry_after),
        seconds=float(body.get("seconds") or 0.0),
    )
    return json_response({"pending": world.faults.describe()})


def _faults(world: FakeWonde, request: Request, _: dict[str, str]) -> Response:
    return json_response({"pending": world.faults.describe()})


def _clear(world: FakeWonde, request: Request, _: dict[str, str]) -> Response:
    world.faults.clear()
    return json_response({"pending": []})


def _permissions(world: FakeWonde, request: Request, args: dict[str, str]) -> Response:
    school = world.schools[args["school"]]
    body = _body(request)
    unknown = sorted(set(body) - IDENTITIES)
    if unknown:
        raise ValueError(f"unknown permission identities: {', '.join(unknown)}")
    for identity, granted in body.items():
        school.permissions[identity] = bool(granted)
    return json_response({"id": school.id, "permissions": dict(school.permissions)})


def _body(request: Request) -> dict[str, Any]:
    body = request.json()
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise ValueError("the body must be a JSON object")
    return body


ROUTES: list[tuple[str, re.Pattern[str], Handler]] = [
    ("GET", re.compile("/schools"), _schools),
    ("POST", re.compile("/schools/(?P<school>[^/]+)/advance-day"), _advance_day),
    (
        "POST",
        re.compile("/schools/(?P<school>[^/]+)/(?P<action>approve|decline|revoke)"),
        _state_change,
    ),
    ("POST", re.compile("/schools/(?P<school>[^/]+)/permissions"), _permissions),
    ("POST", re.compile("/schools/(?P<school>[^/]+)/migrate"), _migrate),
    ("GET", re.compile("/faults"), _faults),
    ("POST", re.compile("/faults"), _inject),
    ("DELETE", re.compile("/faults"), _clear),
]
