"""The Wonde API v1.0 routes: schools, access requests, meta, and each school's data."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from fakewonde import includes, render
from fakewonde.dates import parse_updated_after, stamp
from fakewonde.http import Request, Response, error, json_response, raw_json_response
from fakewonde.pagination import BadPageRequest, paginate
from fakewonde.permissions import permission_list
from fakewonde.records import Contact, Group, SchoolClass
from fakewonde.render import dumps, encoded
from fakewonde.school import FakeSchool

if TYPE_CHECKING:
    from fakewonde.world import FakeWonde

JSON = dict[str, Any]
Renderer = Callable[[Any], str]  # a record's JSON text
Handler = Callable[["FakeWonde", Request, dict[str, str]], Response]
PREFIX = "/v1.0"
SCHOOL_LISTS = {
    "": ("approved",),
    "/approved": ("approved",),
    "/audited": ("approved",),
    "/pending": ("pending",),
    "/revoked": ("revoked",),
    "/declined": ("declined",),
    "/offline": (),
}


def dispatch(world: FakeWonde, request: Request) -> Response:
    path = request.path[len(PREFIX) :].rstrip("/") or "/"
    for method, pattern, handler in ROUTES:
        match = pattern.fullmatch(path)
        if match and method == request.method:
            try:
                return handler(world, request, match.groupdict())
            except BadPageRequest as problem:
                return error(422, str(problem))
    return error(404, f"No route for {request.method} {request.path}")


# Schools ------------------------------------------------------------------------------------


def school_json(school: FakeSchool, request: Request) -> JSON:
    host = request.origin.split("://", 1)[-1]
    identifiers = {
        "la_code": school.la_code,
        "establishment_number": school.establishment_number,
        "urn": school.urn,
    }
    return {
        "id": school.id,
        "name": school.name,
        "establishment_number": school.establishment_number,
        "urn": school.urn,
        "phase_of_education": school.phase,
        "la_code": school.la_code,
        "timezone": "Europe/London",
        "mis": school.mis,
        "address": {
            "address_line_1": school.address_line_1,
            "address_line_2": None,
            "address_town": school.address_town,
            "address_postcode": school.postcode,
            "address_country": {"code": "GBR", "name": "England"},
        },
        "extended": {
            "allows_writeback": False,
            "has_timetables": school.phase == "SECONDARY",
            "has_lesson_attendance": False,
            "audit_approved_at": stamp(school.connected_at) if school.is_approved() else None,
        },
        "region": {
            "code": "GBR",
            # The host that was asked, so a client that follows region.domain stays on the fake.
            "domain": host,
            "school_url": f"{request.origin}{PREFIX}/schools/{school.id}",
            "identifiers": identifiers,
        },
    }


def _school_list(states: tuple[str, ...]) -> Handler:
    def handler(world: FakeWonde, request: Request, _: dict[str, str]) -> Response:
        schools = [s for s in world.schools.values() if s.state in states]
        return _listing(request, schools, lambda s: dumps(school_json(s, request)))

    return handler


def _all_schools(world: FakeWonde, request: Request, _: dict[str, str]) -> Response:
    def wanted(school: FakeSchool) -> bool:
        checks = {
            "urn": lambda v: str(school.urn) == v,
            "la_code": lambda v: school.la_code == v,
            "establishment_number": lambda v: school.establishment_number == v,
            "postcode": lambda v: _squash(school.postcode).startswith(_squash(v)),
        }
        return all(
            check(request.param(name) or "")
            for name, check in checks.items()
            if request.param(name)
        )

    schools = [s for s in world.schools.values() if wanted(s)]
    return _listing(request, schools, lambda s: dumps(school_json(s, request)))


def _squash(postcode: str) -> str:
    return postcode.replace(" ", "").upper()


def _one_school(world: FakeWonde, request: Request, args: dict[str, str]) -> Response:
    school = world.schools.get(args["school"])
    if school is None:
        return _no_school(args["school"])
    return json_response({"data": school_json(school, request)})


def _request_access(world: FakeWonde, request: Request, args: dict[str, str]) -> Response:
    school = world.schools.get(args["school"])
    if school is None:
        return _no_school(args["school"])
    try:
        body = request.json()
    except ValueError:
        return error(422, "The request body is not valid JSON")
    problems = _contact_problems(body)
    if problems:
        return json_response(
            {
                "error": "validation_error",
                "error_description": "; ".join(problems.values()),
                "errors": {key: [text] for key, text in problems.items()},
            },
            422,
        )
    if school.state in ("not_requested", "declined", "revoked"):
        school.state = "pending"
    message = {
        "pending": "Access request successfully received",
        "approved": "Access has already been approved",
    }[school.state]
    return json_response({"success": True, "state": school.state, "message": message})


def _contact_problems(body: Any) -> dict[str, str]:
    if body is None:
        return {}
    if not isinstance(body, dict) or not isinstance(body.get("contacts", []), list):
        return {"contacts": "contacts must be a list of contacts"}
    problems: dict[str, str] = {}
    for index, contact in enumerate(body.get("contacts", [])):
        if not isinstance(contact, dict):
            problems[f"contacts.{index}"] = f"contact {index} must be an object"
            continue
        for name in ("first_name", "last_name", "email_address"):
            value = contact.get(name)
            if not isinstance(value, str) or not value.strip():
                problems[f"contacts.{index}.{name}"] = f"The contacts.{index}.{name} is required"
        email = contact.get("email_address")
        if isinstance(email, str) and email.strip() and "@" not in email:
            problems[f"contacts.{index}.email_address"] = (
                f"The contacts.{index}.email_address must be a valid email address"
            )
    return problems


def _revoke_access(world: FakeWonde, request: Request, args: dict[str, str]) -> Response:
    school = world.schools.get(args["school"])
    if school is None:
        return _no_school(args["school"])
    school.state = "revoked"
    return json_response({"success": True, "state": "revoked", "message": "Access revoked"})


def _meta(world: FakeWonde, request: Request, args: dict[str, str]) -> Response:
    school = world.schools.get(args["school"])
    if school is None:
        return _no_school(args["school"])
    approved = school.is_approved()
    return json_response(
        {
            "data": {
                "online": True,
                "approved": approved,
                "audited": approved,
                "custom_attendance_codes": False,
            }
        }
    )


def _permissions(world: FakeWonde, request: Request, args: dict[str, str]) -> Response:
    school = world.schools.get(args["school"])
    if school is None:
        return _no_school(args["school"])
    return json_response({"data": permission_list(school.permissions, school.connected_at)})


def _no_school(school_id: str) -> Response:
    return error(404, f"School {school_id} not found")


# School data --------------------------------------------------------------------------------


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
        return _no_school(school_id)
    if not school.is_approved():
        return error(403, f"Access to school {school_id} is {school.state.replace('_', ' ')}")
    if scope and not school.granted(scope):
        return error(403, f"The school has not granted the {scope} permission")
    return school


def _collection_list(world: FakeWonde, request: Request, args: dict[str, str]) -> Response:
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
    return _listing(request, found, collection.renderer(school, request))


def _collection_one(world: FakeWonde, request: Request, args: dict[str, str]) -> Response:
    collection = COLLECTIONS[args["collection"]]
    school = _data_school(world, args["school"], collection.scope)
    if isinstance(school, Response):
        return school
    for record in collection.records(school, request):
        if record.id == args["record"]:
            text = collection.renderer(school, request)(record)
            return raw_json_response('{"data":' + text + "}")
    return error(404, f"No {args['collection']} record {args['record']}")


def _counts(world: FakeWonde, request: Request, args: dict[str, str]) -> Response:
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


def _listing(request: Request, records: list[Any], renderer: Renderer) -> Response:
    page = paginate(request, records, attrgetter("id"))
    data = ",".join([renderer(record) for record in page.items])
    meta = dumps({"pagination": page.pagination})
    return raw_json_response('{"data":[' + data + '],"meta":' + meta + "}")


_SCHOOL = "(?P<school>[^/]+)"
_COLLECTION = "(?P<collection>" + "|".join(re.escape(name) for name in COLLECTIONS) + ")"

ROUTES: list[tuple[str, re.Pattern[str], Handler]] = [
    *(
        ("GET", re.compile(f"/schools{suffix}"), _school_list(states))
        for suffix, states in SCHOOL_LISTS.items()
    ),
    ("GET", re.compile("/schools/all"), _all_schools),
    ("GET", re.compile(f"/schools/{_SCHOOL}"), _one_school),
    ("POST", re.compile(f"/schools/{_SCHOOL}/request-access"), _request_access),
    ("DELETE", re.compile(f"/schools/{_SCHOOL}/revoke-access"), _revoke_access),
    ("GET", re.compile(f"/meta/schools/{_SCHOOL}"), _meta),
    ("GET", re.compile(f"/meta/schools/{_SCHOOL}/permissions"), _permissions),
    ("GET", re.compile(f"/schools/{_SCHOOL}/counts"), _counts),
    ("GET", re.compile(f"/schools/{_SCHOOL}/{_COLLECTION}"), _collection_list),
    ("GET", re.compile(f"/schools/{_SCHOOL}/{_COLLECTION}/(?P<record>[^/]+)"), _collection_one),
]
