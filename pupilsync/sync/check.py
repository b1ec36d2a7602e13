"""Check a live school before trusting it: one page of every endpoint the sync reads.

The report says which endpoints answered, which fields we read were absent, which values we
could not read (counted by field, never shown: they are personal data), which of our permission
identities Wonde does not list, the school's region and how the students list is paged.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from pydantic import BaseModel

from pupilsync.sync import permissions
from pupilsync.sync.connect import at_wonde, region_of
from wonde import WondeClient, adapter, errors, reading
from wonde.models import (
    AttendanceSummary,
    Contact,
    Deletion,
    EducationDetails,
    ExtendedDetails,
    Photo,
    SenNeed,
    Student,
)

# Endpoint -> (path under the school, query, the model its records are read with).
ENDPOINTS: dict[str, tuple[str, dict[str, str], type[BaseModel]]] = {
    "students": ("students", {"include": ",".join(adapter.STUDENT_INCLUDES)}, Student),
    "students-leaver": ("students-leaver", {"include": "education_details"}, Student),
    "deletions": ("deletions", {"type": "student"}, Deletion),
    "attendance-summaries": ("attendance-summaries", {}, AttendanceSummary),
    "photos": ("photos", {}, Photo),
}
# The nested objects of a student whose fields we read, by include.
NESTED: dict[str, type[BaseModel]] = {
    "education_details": EducationDetails,
    "extended_details": ExtendedDetails,
    "sen_needs": SenNeed,
    "contacts": Contact,
}


@dataclass
class Endpoint:
    name: str
    reached: bool
    records: int = 0
    error: str = ""
    pagination: str = ""  # cursor | offset | single page | none sent


@dataclass
class Report:
    school: str
    region: str = ""
    endpoints: list[Endpoint] = field(default_factory=list)
    missing_fields: dict[str, int] = field(default_factory=dict)  # field -> records without it
    unreadable: dict[str, int] = field(default_factory=dict)  # field -> values we could not read
    unknown_permissions: list[str] = field(default_factory=list)
    permissions_sent: list[str] = field(default_factory=list)
    student_count: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def check_school(client: WondeClient, wonde_id: str) -> Report:
    report = Report(school=wonde_id, region=region_of(client, wonde_id))
    if report.region and report.region != client.host and at_wonde(client.host):
        client.use_region(report.region)
    _permissions(client, wonde_id, report)
    try:
        report.student_count = client.student_count(wonde_id)
    except errors.WondeError:
        report.student_count = None
    for name, (path, params, model) in ENDPOINTS.items():
        query = {**params, "cursor": "true"} if name == "students" else params
        report.endpoints.append(_endpoint(client, wonde_id, name, path, query, model, report))
    return report


def _permissions(client: WondeClient, wonde_id: str, report: Report) -> None:
    try:
        listed = client.permissions(wonde_id)
    except errors.WondeError as error:
        report.endpoints.append(Endpoint("meta/permissions", False, error=_short(error)))
        return
    report.endpoints.append(Endpoint("meta/permissions", True, len(listed)))
    report.permissions_sent = sorted(p.identity for p in listed)
    states = permissions.states(listed)
    report.unknown_permissions = [i for i, s in states.items() if s == permissions.UNKNOWN]


def _endpoint(
    client: WondeClient,
    wonde_id: str,
    name: str,
    path: str,
    params: dict[str, str],
    model: type[BaseModel],
    report: Report,
) -> Endpoint:
    try:
        page = next(iter(client.pages(f"schools/{wonde_id}/{path}", params)), None)
    except errors.WondeError as error:
        return Endpoint(name, False, error=_short(error))
    data = page.data if page else []
    unreadable: Counter[str] = Counter()
    for item in data:
        try:
            _, dropped = reading.read(model, item)
        except reading.Unusable as error:
            dropped = error.unreadable or (reading.Unreadable("(record)", "", "an object"),)
        unreadable.update(f"{name}: {_generic(d.field)}" for d in dropped)
    report.unreadable.update(unreadable)
    if model is Student and name == "students":
        report.missing_fields.update(_missing(data))
    return Endpoint(name, True, len(data), pagination=_style(page.next if page else None, data))


def _missing(records: list[Any]) -> dict[str, int]:
    """For each field we read, how many records of the page lack it entirely."""
    absent: Counter[str] = Counter()
    for record in records:
        if not isinstance(record, dict):
            continue
        for name in Student.model_fields:
            if name not in record:
                absent[name] += 1
        for include, model in NESTED.items():
            for item in _items(record.get(include)):
                for name in model.model_fields:
                    if name not in item:
                        absent[f"{include}.{name}"] += 1
    return dict(absent)


def _items(value: Any) -> list[dict[str, Any]]:
    value = adapter.unwrap_many(value) if not isinstance(value, str) else []
    if isinstance(value, dict):
        value = [value]
    return [item for item in value or [] if isinstance(item, dict)]


def _generic(path: str) -> str:
    """A field path without list positions: `sen_needs.3.rank` counts as `sen_needs.rank`."""
    return ".".join(part for part in path.split(".") if not part.isdigit())


def _style(next_url: str | None, data: list[Any]) -> str:
    if next_url is None:
        return "single page"
    if "cursor=" in next_url:
        return "cursor"
    if "page=" in next_url.replace("per_page=", ""):
        return "offset"
    return "other"


def _short(error: errors.WondeError) -> str:
    return f"{type(error).__name__} {error.status or ''}".strip()


def render(report: Report) -> str:
    lines = [f"Wonde school {report.school}", f"region: {report.region or '(not given)'}"]
    lines.append(f"student count: {report.student_count}")
    lines.append("endpoints:")
    for e in report.endpoints:
        state = f"{e.records} records, {e.pagination}" if e.reached else f"FAILED {e.error}"
        lines.append(f"  {e.name:<22} {state}".rstrip(", "))
    lines.append("fields we read that were absent (records without them):")
    lines += [f"  {k}: {v}" for k, v in sorted(report.missing_fields.items())] or ["  none"]
    lines.append("values we could not read (count, values not shown):")
    lines += [f"  {k}: {v}" for k, v in sorted(report.unreadable.items())] or ["  none"]
    lines.append("our permission identities Wonde does not list:")
    lines += [f"  {i}" for i in report.unknown_permissions] or ["  none"]
    lines.append(f"identities Wonde listed: {', '.join(report.permissions_sent) or 'none'}")
    return "\n".join(lines)
