"""A school's data routes: students, leavers, deletions, classes, groups, contacts, attendance
summaries, photos and counts, with `updated_after`, pagination and the scopes each needs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from fakewonde import includes, render
from fakewonde.api_schools import no_school
from fakewonde.dates import parse_updated_after
from fakewonde.http import Request, Response, error, json_response, raw_json_response
from fakewonde.pagination import Renderer, page_response
from fakewonde.records import Contact, Group, SchoolClass
from fakewonde.render import dumps, encoded
from fakewonde.school import FakeSchool

if TYPE_CHECKING:
    from fakewonde.world import FakeWonde

JSON = dict[str, Any]


@dataclass(frozen=True)
class Collection:
    scope: str | None
    records: Callable[[FakeSchool, Request], Iterable[Any]]
    renderer: Callable[[FakeSchool, Request], Renderer]
    changed_at: Callable[[Any], dt.datetime] = attrgetter("updated_at")


def _students(school: FakeSchool, request: Request, *, leavers: bool = False) -> list[Any]:
    found = list((school.leavers if leavers else school.students).values())
    mis_ids = request.param("only_mis_ids")
    if mis_ids:
        wanted = set(mis_ids.split(","))
        found = [s for s in found if s.mis_id in wanted]
    upns = request.param("only_upns")
    if upns:
        wanted = set(upns.upper().split(","))
        found = [s for s in found if s.upn in wanted]
    return found


def _student_renderer(school: FakeSchool, request: Request) -> Renderer:
    builders = includes.plan(school, includes.parse(request.param("include")))
    return lambda record: includes.student(record, builders)


def _deletions(school: FakeSchool, request: Request) -> list[Any]:
    kind = request.param("type")
    return [d for d in school.deletions.values() if not kind or d.type == kind]


def _classes(school: FakeSchool, request: Request) -> list[Any]:
    found = list(school.classes.values())
    if (request.param("has_students") or "").lower() in ("true", "1"):
        found = [c for c in found if c.student_ids]
    name = request.param("class_name")
    if name:
        found = [c for c in found if c.name == name]
    return found


def _class_renderer(school: FakeSchool, request: Request) -> Renderer:
    wanted = includes.parse(request.param("include"))

    def one(record: SchoolClass) -> str:
        if not wanted:
            return encoded(record.cache, "json", lambda: render.school_class(record))
        body = dict(render.school_class(record))
        if "subject" in wanted:
            subject = school.subjects.get(record.subject_id or "")
            body["subject"] = {"data": render.subject(subject) if subject else None}
        _add_members(school, body, wanted, record.student_ids)
        return dumps(body)

    return one


def _groups(school: FakeSchool, request: Request) -> list[Any]:
    kind = (request.param("type") or "").upper()
    return [g for g in school.groups.values() if not kind or g.type == kind]


def _group_renderer(school: FakeSchool, request: Request) -> Renderer:
    wanted = includes.parse(request.param("include"))

    def one(record: Group) -> str:
        if not wanted:
            return encoded(record.cache, "json", lambda: render.group(record))
        body = dict(render.group(record))
        _add_members(school, body, wanted, record.student_ids)
        return dumps(body)

    return one


def _add_members(school: FakeSchool, body: JSON, wanted: list[str], ids: list[str]) -> None:
    if "students" in wanted:
        if school.granted("students.read"):
            body["students"] = {
                "data": [render.student(school.students[i]) for i in ids if i in school.students]
            }
        else:
            body["students"] = {"data": []}
    if "employees" in wanted:
        body["employees"] = {"data": []}  # the fake has no staff


def _contact_renderer(school: FakeSchool, request: Request) -> Renderer:
    wanted = includes.parse(request.param("include"))
    details = school.granted("contacts.contact_details.read")

    def one(record: Contact) -> str:
        if not wanted:
            return encoded(record.cache, "json", lambda: render.contact(record))
        body = dict(render.contact(record))
        if "contact_details" in wanted:
            body["contact_details"] = {"data": render.contact_details(record) if details else None}
        _add_members(school, body, wanted, record.student_ids)
        return dumps(body)

    return one


COLLECTIONS: dict[str, Collection] = {
    "students": Collection("students.read", _students, _student_renderer),
    "students-leaver": Collection(
        "students.read", lambda s, r: _students(s, r, leavers=True), _student_renderer
    ),
    "deletions": Collection(
        None, _deletions, lambda s, r: lambda d: dumps(render.deletion(d)), lambda d: d.changed_at()
    ),
    "classes": Collection("classes.read", _classes, _class_renderer),
    "groups": Collection("groups.read", _groups, _group_renderer),
    "contacts": Collection("contacts.read", lambda s, r: s.contacts.values(), _contact_renderer),
    "attendance-summaries": Collection(
        "attendance.summaries.read",
        lambda s, r: s.attendance.values(),
        lambda s, r: (
            lambda a: encoded(a.cache, "json", lambda: render.attendance(a, with_student=True))
        ),
    ),
    "photos": Collection(
        "photos.read",
        lambda s, r: s.photos.values(),
        lambda s, r: lambda p: encoded(p.cache, "json", lambda: render.photo(p)),
    ),
}


def _data_school(world: FakeWonde, school_id: str, scope: str | None) -> FakeSchool | Response:
    school = world.schools.get(school_id)
    if school is None:
        return no_school(school_id)
    if not school.is_approved():
        return error(403, f"Access to school {school_id} is {school.state.replace('_', ' ')}")
    if scope and not school.granted(scope):
        return error(403, f"The school has not granted the {scope} permission")
    return school


def collection_list(world: FakeWonde, request: Request, args: dict[str, str]) -> Response:
    collection = COLLECTIONS[args["collection"]]
    school = _data_school(world, args["school"], collection.scope)
    if isinstance(school, Response):
        return school
    found = list(collection.records(school, request))
    changed_at = collection.changed_at
    try:
        after = _moment(request, "updated_after")
        before = _moment(request, "updated_before")
    except ValueError as problem:
        return error(422, str(problem))
    if after is not None:
        found = [record for record in found if changed_at(record) > after]
    if before is not None:
        found = [record for record in found if changed_at(record) < before]
    found.sort(key=attrgetter("id"))
    return page_response(request, found, collection.renderer(school, request))


def collection_one(world: FakeWonde, request: Request, args: dict[str, str]) -> Response:
    collection = COLLECTIONS[args["collection"]]
    school = _data_school(world, args["school"], collection.scope)
    if isinstance(school, Response):
        return school
    for record in collection.records(school, request):
        if record.id == args["record"]:
            text = collection.renderer(school, request)(record)
            return raw_json_response('{"data":' + text + "}")
    return error(404, f"No {args['collection']} record {args['record']}")


def counts(world: FakeWonde, request: Request, args: dict[str, str]) -> Response:
    school = _data_school(world, args["school"], None)
    if isinstance(school, Response):
        return school
    sizes = {
        "students": len(school.students),
        "contacts": len(school.contacts),
        "classes": len(school.classes),
        "groups": len(school.groups),
        "employees": 0,
    }
    wanted = includes.parse(request.param("include"))
    data = {name: {"data": {"count": sizes[name]}} for name in wanted if name in sizes}
    return json_response({"data": data})


def _moment(request: Request, name: str) -> dt.datetime | None:
    raw = request.param(name)
    if not raw:
        return None
    try:
        return parse_updated_after(raw)
    except ValueError:
        raise ValueError(f"{name} must look like YYYY-MM-DD HH:MM:SS, not {raw!r}") from None
