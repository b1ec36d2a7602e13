"""Wonde's school routes: the lists of schools by connection state, one school, access
requests and revocation, and a school's meta and permissions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fakewonde.dates import stamp
from fakewonde.http import Request, Response, error, json_response
from fakewonde.pagination import page_response
from fakewonde.permissions import permission_list
from fakewonde.render import dumps
from fakewonde.school import FakeSchool

if TYPE_CHECKING:
    from fakewonde.world import FakeWonde

JSON = dict[str, Any]
Handler = Callable[["FakeWonde", Request, dict[str, str]], Response]
PREFIX = "/v1.0"
# Each list route (after /schools) and the connection states it shows.
SCHOOL_LISTS = {
    "": ("approved",),
    "/approved": ("approved",),
    "/audited": ("approved",),
    "/pending": ("pending",),
    "/revoked": ("revoked",),
    "/declined": ("declined",),
    "/offline": (),
}


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


def school_list(states: tuple[str, ...]) -> Handler:
    def handler(world: FakeWonde, request: Request, _: dict[str, str]) -> Response:
        schools = [s for s in world.schools.values() if s.state in states]
        return page_response(request, schools, lambda s: dumps(school_json(s, request)))

    return handler


def all_schools(world: FakeWonde, request: Request, _: dict[str, str]) -> Response:
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
    return page_response(request, schools, lambda s: dumps(school_json(s, request)))


def _squash(postcode: str) -> str:
    return postcode.replace(" ", "").upper()


def one_school(world: FakeWonde, request: Request, args: dict[str, str]) -> Response:
    school = world.schools.get(args["school"])
    if school is None:
        return no_school(args["school"])
    return json_response({"data": school_json(school, request)})


def request_access(world: FakeWonde, request: Request, args: dict[str, str]) -> Response:
    school = world.schools.get(args["school"])
    if school is None:
        return no_school(args["school"])
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


def revoke_access(world: FakeWonde, request: Request, args: dict[str, str]) -> Response:
    school = world.schools.get(args["school"])
    if school is None:
        return no_school(args["school"])
    school.state = "revoked"
    return json_response({"success": True, "state": "revoked", "message": "Access revoked"})


def meta(world: FakeWonde, request: Request, args: dict[str, str]) -> Response:
    school = world.schools.get(args["school"])
    if school is None:
        return no_school(args["school"])
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


def permissions(world: FakeWonde, request: Request, args: dict[str, str]) -> Response:
    school = world.schools.get(args["school"])
    if school is None:
        return no_school(args["school"])
    return json_response({"data": permission_list(school.permissions, school.connected_at)})


def no_school(school_id: str) -> Response:
    return error(404, f"School {school_id} not found")
