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

Other choices where the public record is silent: a leaver keeps the Wonde id it had on roll; a
pupil who comes back gets a new id with the same `upi` and `mis_id`, and the old deletion gets
`restored_at`; the `year` include is not gated by `groups.read`; `/deletions` and `/counts` need
no scope beyond the school's approval; cursor pagination is keyset ("after this id").

Use it in process with `httpx.Client(transport=world.transport(), base_url=
"https://api.wonde.com/v1.0")`, or serve it: `python -m fakewonde --port 8765`. Admin routes
under `/_fake` (no token) change the world for demos; see `fakewonde.admin`.
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
