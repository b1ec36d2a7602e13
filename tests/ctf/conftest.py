from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

FILES = Path(__file__).parent / "files"
# A day in the summer term the test files were made in (academic year 2024/25).
TODAY = dt.date(2025, 7, 20)


def sample(name: str) -> bytes:
    return (FILES / name).read_bytes()


@pytest.fixture
def full_file() -> bytes:
    return sample("full_v19.xml")


@pytest.fixture
def partial_file() -> bytes:
    return sample("partial_v25_results.xml")
