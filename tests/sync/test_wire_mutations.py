"""Valid student pages from the fake, mutated on the wire, through client -> mapping -> plan.

Each example takes one clean page, changes one value or shape in one pupil's record (a type
swapped, null, an empty list or object, a key removed, an unknown key added, a PHP zero date),
and plans it against the pupils the clean page gives. Whatever the mutation: no pupil is
archived or created. A value the mutation broke never empties a value we hold, and names its
pupil in an issue.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from fakewonde import DEMO_SCHOOL_ID, DEMO_TOKEN, demo_world
from pupilsync.sync.diff import HeldPupil, Plan, make_plan
from pupilsync.sync.fetch import ALL_FEATURES, fetch
from pupilsync.sync.mapping import incoming_from
from wonde import NO_RETRY, WondeClient, adapter
from wonde.models import (
    Contact,
    ContactDetails,
    EducationDetails,
    ExtendedDetails,
    Group,
    Relationship,
    SchoolClass,
    SenNeed,
    Student,
)

EXAMPLES = 200
FEATURES = ALL_FEATURES - {"attendance", "photos"}
TODAY = dt.date(2026, 11, 3)
ZERO = "-0001-11-30 00:00:00.000000"
ROLL = 20  # pupils on the page: enough variety, quick enough for many examples
KINDS = ("swap", "null", "empty_list", "empty_object", "remove", "unknown_key", "zero_date")
Path = tuple[Any, ...]


def _clean_page() -> list[dict[str, Any]]:
    world = demo_world(seed=7, phase="primary", forms=1)
    http = httpx.Client(
        transport=world.transport(),
        base_url="https://api.wonde.com/v1.0/",
        headers={"Authorization": f"Bearer {DEMO_TOKEN}"},
    )
    include = ",".join(adapter.STUDENT_INCLUDES)
    body = http.get(f"schools/{DEMO_SCHOOL_ID}/students", params={"include": include}).json()
    return body["data"][:ROLL]


CLEAN = _clean_page()


def serve(records: list[dict[str, Any]]) -> WondeClient:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/counts"):
            body: Any = {"data": {"students": {"data": {"count": len(records)}}}}
        else:
            body = {"data": records, "meta": {"pagination": {"next": None, "more": False}}}
        return httpx.Response(200, content=json.dumps(body).encode())

    return WondeClient("t" * 40, transport=httpx.MockTransport(answer), retry=NO_RETRY)


def plan_for(records: list[dict[str, Any]], held: list[HeldPupil]) -> Plan:
    fetched = fetch(serve(records), DEMO_SCHOOL_ID, full=True, cursors=None, features=FEATURES)
    return make_plan(held, incoming_from(fetched), today=TODAY)


def _held() -> list[HeldPupil]:
    """The pupils the clean page gives, as we would hold them after syncing it."""
    plan = plan_for(CLEAN, [])
    return [
        HeldPupil(
            n,
            True,
            fields=new.fields,
            year=new.year,
        )
        for n, new in enumerate(plan.creates, start=1)
    ]


HELD = _held()
BASELINE = plan_for(CLEAN, HELD)


# Which nested model reads each include or object field.
NESTED: dict[type[BaseModel], dict[str, type[BaseModel]]] = {
    Student: {
        "education_details": EducationDetails,
        "extended_details": ExtendedDetails,
        "year": Group,
        "registration": Group,
        "classes": SchoolClass,
        "sen_needs": SenNeed,
        "contacts": Contact,
    },
    Contact: {"relationship": Relationship, "contact_details": ContactDetails},
}


def read_by_us(path: Path) -> bool:
    """Whether our models read the value at `path` (anything else is ignored, broken or not)."""
    model: type[BaseModel] | None = Student
    leaf = ""
    for part in path:
        if part == "data" or isinstance(part, int):
            continue
        if model is None:  # inside an emails map (every key) or a date object (two keys)
            return leaf == "emails" or part in ("date", "timezone")
        if part not in model.model_fields:
            return False
        model, leaf = NESTED.get(model, {}).get(part), part
    return True


def paths(node: Any, prefix: Path = ()) -> list[Path]:
    """Every path to a value our models read."""
    found: list[Path] = []
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in items:
        if not read_by_us((*prefix, key)):
            continue
        found.append((*prefix, key))
        if isinstance(value, dict | list):
            found.extend(paths(value, (*prefix, key)))
    return found


def is_envelope(value: Any) -> bool:
    return isinstance(value, dict) and set(value) <= {"data", "meta"} and "data" in value


def swaps(value: Any) -> list[Any]:
    """Values of another JSON type that no lenient rule reads as a value."""
    if is_envelope(value):  # a bare id string or a list of one are documented include shapes
        return [7, True]
    if isinstance(value, bool):
        return ["perhaps", [True], {"x": 1}]
    if isinstance(value, int | float):
        return ["several", [1], {"n": 1}]
    if isinstance(value, str):
        return [["x"], {"x": value}]
    if isinstance(value, list):
        return ["word", 7, True]
    return [7, True, ["x"]]  # an object


def is_date(value: Any) -> bool:
    return isinstance(value, dict) and "timezone_type" in value


def _get(node: Any, path: Path) -> Any:
    for part in path:
        node = node[part]
    return node


@st.composite
def mutations(draw: st.DrawFn, kinds: tuple[str, ...]) -> tuple[int, Path, str, Any]:
    index = draw(st.integers(0, len(CLEAN) - 1))
    path = draw(st.sampled_from(paths(CLEAN[index])))
    kind = draw(st.sampled_from(kinds))
    if kind == "zero_date":
        path = draw(st.sampled_from([p for p in paths(CLEAN[index]) if p[-1] == "date"] or [path]))
        return index, path, kind, ZERO
    if kind == "swap":  # from a value of known type: a null has none to swap from
        path = draw(
            st.sampled_from([p for p in paths(CLEAN[index]) if _get(CLEAN[index], p) is not None])
        )
        return index, path, kind, draw(st.sampled_from(swaps(_get(CLEAN[index], path))))
    new = {"null": None, "empty_list": [], "empty_object": {}, "remove": None}.get(kind)
    return index, path, kind, new


def mutate(index: int, path: Path, kind: str, new: Any) -> list[dict[str, Any]]:
    records = copy.deepcopy(CLEAN)
    parent = _get(records[index], path[:-1])
    if kind == "remove":
        del parent[path[-1]]
    elif kind == "unknown_key":
        target = parent[path[-1]] if isinstance(parent[path[-1]], dict) else parent
        target["x_unknown_key"] = {"data": [1, "two"]}
    else:
        parent[path[-1]] = new
    return records


def emptied(plan: Plan) -> list[tuple[int, str]]:
    empty = (None, "", [], {})
    return [
        (change.pupil_id, name)
        for change in plan.changes
        for name, (old, new) in (change.fields | change.year).items()
        if old not in empty and new in empty and name != "on_roll"
    ]


def names_pupil(plan: Plan, record: dict[str, Any]) -> bool:
    ids = {str(record.get(k)) for k in ("id", "upi", "mis_id") if record.get(k)}
    return any(
        p.identity and {p.identity.wonde_id, p.identity.upi, p.identity.mis_id} & ids
        for p in plan.problems
        if p not in BASELINE.problems
    )


SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def test_the_clean_page_plans_no_change():
    assert BASELINE.is_empty and len(HELD) == len(CLEAN)


@SETTINGS
@given(mutations(KINDS))
def test_no_mutation_archives_or_creates_a_pupil(mutation):
    plan = plan_for(mutate(*mutation), HELD)
    assert plan.archived == 0 and plan.creates == []


@SETTINGS
@given(mutations(("swap",)))
def test_a_broken_value_empties_nothing_we_hold_and_names_its_pupil(mutation):
    index, path, _, _ = mutation
    plan = plan_for(mutate(*mutation), HELD)
    assert emptied(plan) == []
    assert names_pupil(plan, CLEAN[index]), (path, [p.message for p in plan.problems])


@SETTINGS
@given(mutations(("unknown_key",)))
def test_an_unknown_key_changes_nothing(mutation):
    plan = plan_for(mutate(*mutation), HELD)
    assert plan.is_empty and plan.problems == BASELINE.problems


@SETTINGS
@given(mutations(("zero_date",)))
def test_a_zero_date_of_birth_keeps_the_one_we_hold(mutation):
    _, path, _, _ = mutation
    plan = plan_for(mutate(*mutation), HELD)
    if path[0] == "date_of_birth":
        assert emptied(plan) == []
