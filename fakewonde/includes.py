"""Student includes (`?include=...`) and what a withheld permission does to each of them.

A request's includes are turned once into a plan of builders. Each builder returns the JSON
text of one pupil's `{"data": ...}` wrapper, cached on the pupil (or on its attendance summary
or photo, which change on their own clock), and a pupil is served by joining cached texts:
after the first full read a page costs string joins, not JSON encoding. A withheld scope gives
`{"data": null}` for a to-one include and `{"data": []}` for a to-many one, as the contract says.
"""

from __future__ import annotations

from collections.abc import Callable

from fakewonde import render
from fakewonde.records import Student
from fakewonde.render import dumps, encoded
from fakewonde.school import FakeSchool

Builder = Callable[[Student], str]

NULL_ONE = '{"data":null}'
EMPTY_MANY = '{"data":[]}'

STUDENT_INCLUDES = (
    "education_details",
    "extended_details",
    "sen_needs",
    "classes",
    "year",
    "registration",
    "house",
    "groups",
    "contacts",
    "contacts.contact_details",
    "attendance_summary",
    "photo",
)


def parse(raw: str | None) -> list[str]:
    """Requested includes in order; `a.b` brings in `a` too, as Wonde's nesting does."""
    names: list[str] = []
    for part in (raw or "").split(","):
        pieces = [piece.strip() for piece in part.split(".") if piece.strip()]
        for end in range(1, len(pieces) + 1):
            name = ".".join(pieces[:end])
            if name not in names:
                names.append(name)
    return names


def plan(school: FakeSchool, includes: list[str]) -> list[tuple[str, Builder]]:
    """The builders for the includes this fake knows; unknown ones are ignored."""
    builders: list[tuple[str, Builder]] = []
    with_details = "contacts.contact_details" in includes
    for name in includes:
        build = _builder(school, name, with_details)
        if build is not None:
            builders.append((f',"{name}":', build))
    return builders


def student(record: Student, builders: list[tuple[str, Builder]]) -> str:
    """One pupil's JSON text with the planned includes."""
    opening = encoded(record.cache, "json", lambda: render.student(record))[:-1]
    parts = [opening]
    for key, build in builders:
        parts.append(key)
        parts.append(build(record))
    parts.append("}")
    return "".join(parts)


def _builder(school: FakeSchool, name: str, with_details: bool) -> Builder | None:
    makers: dict[str, Callable[[FakeSchool], Builder]] = {
        "education_details": _education_details,
        "extended_details": _extended_details,
        "sen_needs": _sen_needs,
        "classes": _classes,
        "year": _year,
        "registration": lambda s: _group_slot(s, "registration_id"),
        "house": lambda s: _group_slot(s, "house_id"),
        "groups": _groups,
        "attendance_summary": _attendance,
        "photo": _photo,
    }
    if name == "contacts":
        return _contacts(school, with_details)
    maker = makers.get(name)
    return maker(school) if maker else None


def _constant(text: str) -> Builder:
    return lambda record: text


def _wrap(text: str) -> str:
    return '{"data":' + text + "}"


def _wrap_many(texts: list[str]) -> str:
    return '{"data":[' + ",".join(texts) + "]}"


def _education_details(school: FakeSchool) -> Builder:
    if not school.granted("students.education_details.read"):
        return _constant(NULL_ONE)
    return lambda r: encoded(r.cache, "w:edu", lambda: {"data": render.education_details(r)})


def _extended_details(school: FakeSchool) -> Builder:
    if not school.granted("students.extended_details.read"):
        return _constant(NULL_ONE)
    if school.granted("students.sen.read"):
        return lambda r: encoded(r.cache, "w:ext", lambda: {"data": render.extended_details(r)})
    return lambda r: encoded(
        r.cache, "w:ext-sen", lambda: {"data": {**render.extended_details(r), "sen_status": None}}
    )


def _sen_needs(school: FakeSchool) -> Builder:
    if not school.granted("students.sen.read"):
        return _constant(EMPTY_MANY)

    def needs(r: Student) -> object:
        ranked = sorted(r.sen_needs, key=lambda need: need.rank)
        return {"data": [render.sen_need(need) for need in ranked]}

    return lambda r: encoded(r.cache, "w:sen", lambda: needs(r))


def _classes(school: FakeSchool) -> Builder:
    if not school.granted("classes.read"):
        return _constant(EMPTY_MANY)

    def one(class_id: str) -> str:
        record = school.classes[class_id]
        return encoded(record.cache, "json", lambda: render.school_class(record))

    def classes(r: Student) -> str:
        text: str | None = r.cache.get("w:classes")
        if text is None:
            text = r.cache["w:classes"] = _wrap_many([one(i) for i in r.class_ids])
        return text

    return classes


def _group_text(school: FakeSchool, group_id: str | None) -> str:
    group = school.groups.get(group_id or "")
    if group is None:
        return "null"
    return encoded(group.cache, "json", lambda: render.group(group))


def _year(school: FakeSchool) -> Builder:
    return lambda r: _wrap(_group_text(school, r.year_id))


def _group_slot(school: FakeSchool, slot: str) -> Builder:
    if not school.granted("groups.read"):
        return _constant(NULL_ONE)
    return lambda r: _wrap(_group_text(school, getattr(r, slot)))


def _groups(school: FakeSchool) -> Builder:
    if not school.granted("groups.read"):
        return _constant(EMPTY_MANY)
    return lambda r: _wrap_many([_group_text(school, i) for i in r.group_ids])


def _contacts(school: FakeSchool, with_details: bool) -> Builder:
    if not school.granted("contacts.read"):
        return _constant(EMPTY_MANY)
    details_granted = school.granted("contacts.contact_details.read")
    variant = "w:contacts" + ("" if not with_details else "+d" if details_granted else "+x")

    def details(contact_id: str) -> str:
        if not details_granted:
            return NULL_ONE
        contact = school.contacts[contact_id]
        return encoded(
            contact.cache, "w:details", lambda: {"data": render.contact_details(contact)}
        )

    def person(r: Student, index: int) -> str:
        link = r.contacts[index]
        contact = school.contacts[link.contact_id]
        text = encoded(contact.cache, "json", lambda: render.contact(contact))[:-1]
        text += ',"relationship":' + dumps(render.relationship(link))
        if with_details:
            text += ',"contact_details":' + details(link.contact_id)
        return text + "}"

    def contacts(r: Student) -> str:
        text: str | None = r.cache.get(variant)
        if text is None:
            order = sorted(range(len(r.contacts)), key=lambda i: r.contacts[i].priority)
            text = r.cache[variant] = _wrap_many([person(r, i) for i in order])
        return text

    return contacts


def _attendance(school: FakeSchool) -> Builder:
    if not school.granted("attendance.summaries.read"):
        return _constant(NULL_ONE)

    def summary(r: Student) -> str:
        record = school.attendance.get(r.id)
        if record is None:
            return NULL_ONE
        return encoded(
            record.cache,
            "w:include",
            lambda: {"data": render.attendance(record, with_student=False)},
        )

    return summary


def _photo(school: FakeSchool) -> Builder:
    if not school.granted("photos.read"):
        return _constant(NULL_ONE)

    def photo(r: Student) -> str:
        record = school.photos.get(r.id)
        if record is None:
            return NULL_ONE
        return encoded(record.cache, "w:include", lambda: {"data": render.photo(record)})

    return photo
