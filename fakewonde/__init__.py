"""fakewonde: a faithful fake of the Wonde API v1.0, in process (an httpx transport) or served.

It follows Wonde's public record and, where that is silent, the project's contract
(docs/wonde-contract.md): the DateTimeObject dates, `{"error", "error_description"}` bodies,
`per_page` clamped to 200, withheld scopes as `null` fields, `{"data": null}` / `{"data": []}`
includes and 403 endpoints.

One choice the contract leaves to the fake, and which clients may rely on: **a student's
`updated_at` moves whenever anything served through its includes changes** (education and
extended details, SEN status and needs, year, registration group, house, classes, contacts and
their contact details) **except attendance summaries and photos**. Those carry their own
`updated_at` and are meant to be read from `/attendance-summaries` and `/photos` with their own
`updated_after`. For `/deletions`, `updated_after` compares `deleted_at` or `restored_at`.
"""

from fakewonde.day import DayChanges
from fakewonde.faults import Faults
from fakewonde.generate import generate_school
from fakewonde.school import FakeSchool
from fakewonde.world import DEMO_SCHOOL_ID, DEMO_TOKEN, FakeWonde, demo_world

__all__ = [
    "DEMO_SCHOOL_ID",
    "DEMO_TOKEN",
    "DayChanges",
    "FakeSchool",
    "FakeWonde",
    "Faults",
    "demo_world",
    "generate_school",
]
