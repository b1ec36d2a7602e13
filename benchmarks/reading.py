"""What a compiled reader could save: the roll's pages read three ways, side by side.

    make bench-reading
    .venv/bin/python -m benchmarks.reading [--forms 8] [--seed 1] [--repeat 5]

Fetches the sync benchmark's school's roll (every include) from the fake Wonde once, then times,
best of `--repeat`, on the same bytes:

1. `json.loads` alone: what the I/O limit does, and no reader can do less;
2. `json.loads` then `wonde.reading.read` per record: what the sync does (field by field, so
   one bad value is an issue about that value, not a lost pupil);
3. pydantic-core's `validate_json` of the whole page into models of native types only: the
   fastest compiled reader there is. It is a lower bound, not a candidate: it leaves dates as
   text, reads none of Wonde's odd forms ("Y"/"N", numbers as text, PHP's zero dates) and fails
   a whole page on one bad value.

docs/performance.md quotes its output.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Callable
from typing import Generic, TypeVar

import httpx
from pydantic import BaseModel, ConfigDict, TypeAdapter

from benchmarks.wire import served
from fakewonde import DEMO_SCHOOL_ID, DEMO_TOKEN, demo_world
from wonde import adapter, reading
from wonde.client import PER_PAGE
from wonde.models import Student

T = TypeVar("T")


class _Native(BaseModel):
    model_config = ConfigDict(extra="ignore")


class _When(_Native):
    date: str | None = None
    timezone: str | None = None


class _Education(_Native):
    upn: str | None = None
    former_upn: str | None = None
    current_nc_year: str | None = None
    admission_date: _When | None = None
    leaving_date: _When | None = None


class _Extended(_Native):
    sen_status: str | None = None
    free_school_meals: bool | None = None
    free_school_meals_6: bool | None = None
    premium_pupil_indicator: bool | None = None
    english_as_additional_language: bool | None = None
    first_language: str | None = None
    ethnicity: str | None = None
    in_lea_care: bool | None = None


class _Group(_Native):
    id: str | None = None
    name: str | None = None
    code: str | None = None
    type: str | None = None
    mis_id: str | None = None


class _Need(_Native):
    type: str | None = None
    description: str | None = None
    rank: int | None = None
    start_date: _When | None = None
    end_date: _When | None = None


class _Relationship(_Native):
    relationship: str | None = None
    parental_responsibility: bool | None = None
    priority: int | None = None


class _Details(_Native):
    emails: dict[str, str | None] | None = None


class _One(_Native, Generic[T]):
    data: T | None = None


class _Many(_Native, Generic[T]):
    data: list[T] = []


class _Contact(_Native):
    id: str
    upi: str | None = None
    title: str | None = None
    forename: str | None = None
    surname: str | None = None
    relationship: _Relationship | None = None
    contact_details: _One[_Details] | None = None


class _Student(_Native):
    id: str
    upi: str | None = None
    mis_id: str | None = None
    forename: str | None = None
    middle_names: str | None = None
    surname: str | None = None
    legal_forename: str | None = None
    legal_surname: str | None = None
    gender: str | None = None
    date_of_birth: _When | None = None
    restored_at: _When | None = None
    updated_at: _When | None = None
    education_details: _One[_Education] | None = None
    extended_details: _One[_Extended] | None = None
    year: _One[_Group] | None = None
    registration: _One[_Group] | None = None
    classes: _Many[_Group] | None = None
    sen_needs: _Many[_Need] | None = None
    contacts: _Many[_Contact] | None = None


class _Page(_Native):
    data: list[_Student]


def main() -> int:
    args = _args()
    world = demo_world(seed=args.seed, phase="secondary", forms=args.forms)
    with served(world) as server:
        pages = _roll(server.base_url)
    pupils = sum(len(json.loads(page)["data"]) for page in pages)
    size = sum(map(len, pages)) / 2**20
    native = TypeAdapter(_Page)
    decode = _best(args.repeat, lambda: _each(pages, json.loads))
    ours = _best(args.repeat, lambda: _each(pages, _read_ours))
    compiled = _best(args.repeat, lambda: _each(pages, native.validate_json))
    print(f"the roll of {pupils} pupils, every include: {len(pages)} pages, {size:.1f} MB")
    print(f"{'reader':<58}{'seconds':>8}{'beyond json.loads':>19}")
    for name, seconds in (
        ("json.loads alone (the I/O limit's decoding)", decode),
        ("json.loads + wonde.reading.read per record (the sync)", ours),
        ("pydantic-core validate_json, native types (lower bound)", compiled),
    ):
        print(f"{name:<58}{seconds:>8.3f}{seconds - decode:>+19.3f}")
    return 0


def _roll(base_url: str) -> list[bytes]:
    url: str | None = f"{base_url}/schools/{DEMO_SCHOOL_ID}/students"
    params: dict[str, str | int] | None = {
        "include": ",".join(adapter.STUDENT_INCLUDES),
        "per_page": PER_PAGE,
    }
    pages = []
    with httpx.Client(headers={"Authorization": f"Bearer {DEMO_TOKEN}"}, timeout=60) as client:
        while url:
            response = client.get(url, params=params).raise_for_status()
            params = None  # the next link carries them
            pages.append(response.content)
            url = response.json()["meta"]["pagination"].get("next")
    return pages


def _read_ours(page: bytes) -> None:
    for item in json.loads(page)["data"]:
        reading.read(Student, item)


def _each(pages: list[bytes], read: Callable[[bytes], object]) -> None:
    for page in pages:  # each page let go as the sync does, so none is kept alive
        read(page)


def _best(repeat: int, work: Callable[[], object]) -> float:
    """Best of `repeat`, the cyclic GC off while timing (the app raises its threshold so it
    rarely runs during a sync; off here, no reader pays for another's garbage)."""
    times = []
    for _ in range(max(repeat, 1)):
        gc.collect()
        gc.disable()
        start = time.perf_counter()
        try:
            work()
        finally:
            times.append(time.perf_counter() - start)
            gc.enable()
    return min(times)


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--forms", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main())
