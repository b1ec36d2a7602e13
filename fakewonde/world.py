"""The fake Wonde as a whole: one app token, a clock, schools, faults and the ways in."""

from __future__ import annotations

import datetime as dt
import random
import threading
from collections.abc import Collection

import httpx

from fakewonde import day, photos
from fakewonde.app import WondeApp
from fakewonde.dates import normalise_clock
from fakewonde.day import DayChanges
from fakewonde.faults import Faults
from fakewonde.generate import generate_school
from fakewonde.migration import migrate_mis
from fakewonde.permissions import IDENTITIES
from fakewonde.records import Photo
from fakewonde.school import STATES, FakeSchool

DEMO_TOKEN = "0123456789abcdef0123456789abcdef01234567"
DEMO_SCHOOL_ID = "A1930499544"
DEMO_NAMES = {"secondary": "Oakfield Academy", "primary": "Oakfield Primary School"}


class FakeWonde:
    def __init__(
        self, *, token: str = DEMO_TOKEN, clock: dt.datetime | None = None, latency: float = 0.0
    ) -> None:
        self.token = token
        self.clock = normalise_clock(clock)
        self.schools: dict[str, FakeSchool] = {}
        self.faults = Faults()
        self.latency = latency
        self.request_count = 0
        # One lock for reads and changes, so a served page never sees half a school day.
        self.lock = threading.RLock()
        self._app: WondeApp | None = None

    def __repr__(self) -> str:  # never show the token
        return f"<FakeWonde {len(self.schools)} schools at {self.clock.isoformat()}>"

    def add_school(self, school: FakeSchool) -> FakeSchool:
        with self.lock:
            self.schools[school.id] = school
        return school

    def school(self, school_id: str) -> FakeSchool:
        return self.schools[school_id]

    def advance_day(self, school_id: str, *, seed: int | None = None) -> DayChanges:
        """Move the clock on a day, then apply a day of MIS changes to the school."""
        with self.lock:
            school = self.schools[school_id]
            self.clock += dt.timedelta(days=1)
            rng = random.Random(f"{school_id}:{seed}:{self.clock.isoformat()}")
            return day.advance(school, self.clock, rng)

    def advance_night(self, *, seed: int | None = None) -> dict[str, DayChanges]:
        """Move the clock on one day for every school at once (a night of the whole fleet)."""
        with self.lock:
            self.clock += dt.timedelta(days=1)
            return {
                school.id: day.advance(
                    school,
                    self.clock,
                    random.Random(f"{school.id}:{seed}:{self.clock.isoformat()}"),
                )
                for school in self.schools.values()
            }

    def retake_photo(self, school_id: str, student_id: str) -> Photo:
        """A new photo for a pupil on roll (new bytes, new hash), stamped with the clock."""
        with self.lock:
            school = self.schools[school_id]
            student = school.students[student_id]
            rng = random.Random(f"photo:{student_id}:{self.clock.isoformat()}")
            uniform = getattr(school.generator_state, "uniform", (20, 40, 110))
            jpeg = photos.make_jpeg(rng, uniform)
            digest, content = photos.encode(jpeg)
            old = school.photos.get(student.id)
            photo = Photo(
                id=old.id if old else school.ids.wonde_id(),
                student_id=student.id,
                jpeg=jpeg,
                hash=digest,
                content=content,
                created_at=old.created_at if old else self.clock,
                updated_at=self.clock,
            )
            school.photos[student.id] = photo
            return photo

    # Connection state ------------------------------------------------------------------------

    def approve(self, school_id: str) -> None:
        self._set_state(school_id, "approved")

    def decline(self, school_id: str) -> None:
        self._set_state(school_id, "declined")

    def revoke(self, school_id: str) -> None:
        self._set_state(school_id, "revoked")

    def migrate(
        self, school_id: str, *, to: str = "Arbor", new_upis: Collection[str] = ()
    ) -> dict[str, str]:
        """The school changes MIS: every pupil's Wonde id changes (see fakewonde.migration)."""
        with self.lock:
            return migrate_mis(self.schools[school_id], self.clock, to=to, new_upis=new_upis)

    def set_state(self, school_id: str, state: str) -> None:
        if state not in STATES:
            raise ValueError(f"unknown state {state!r}; one of {', '.join(STATES)}")
        self._set_state(school_id, state)

    def set_permission(self, school_id: str, identity: str, granted: bool) -> None:
        if identity not in IDENTITIES:
            raise ValueError(f"unknown permission {identity!r}")
        with self.lock:
            self.schools[school_id].permissions[identity] = granted

    def _set_state(self, school_id: str, state: str) -> None:
        with self.lock:
            self.schools[school_id].state = state

    # Ways in ---------------------------------------------------------------------------------

    def wsgi_app(self) -> WondeApp:
        if self._app is None:
            self._app = WondeApp(self)
        return self._app

    def transport(self) -> httpx.BaseTransport:
        from fakewonde.transport import InProcessTransport

        return InProcessTransport(self)


def demo_world(
    *,
    seed: int = 1,
    phase: str = "secondary",
    forms: int | None = None,
    schools: int = 1,
    clock: dt.datetime | None = None,
    photos: bool = True,
) -> FakeWonde:
    """A world with the approved demo school (id DEMO_SCHOOL_ID), plus `schools - 1` more
    approved schools whose ids derive from the seed."""
    world = FakeWonde(clock=clock)
    phase = phase.lower()
    world.add_school(
        generate_school(
            seed=seed,
            phase=phase,
            forms=forms,
            school_id=DEMO_SCHOOL_ID,
            name=DEMO_NAMES.get(phase),
            clock=world.clock,
            photos=photos,
        )
    )
    for extra in range(1, schools):
        world.add_school(
            generate_school(
                seed=seed * 1000 + extra, phase=phase, forms=forms, clock=world.clock, photos=photos
            )
        )
    return world
