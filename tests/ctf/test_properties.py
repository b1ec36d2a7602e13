"""Whatever happens to a valid file, the importer imports it or refuses it with a CtfError."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pupilsync.ctf.errors import CtfError
from pupilsync.ctf.parser import parse
from pupilsync.ctf.plan import plan_import
from pupilsync.ctf.service import apply, build_preview
from pupilsync.sync.options import DEFAULT_OPTIONS
from tests.ctf.conftest import TODAY, sample

VALID = [sample("full_v19.xml"), sample("partial_v25_results.xml")]
TEXT = re.compile(rb">([^<>]+)</")
NASTY = st.sampled_from(
    [
        b"",
        b"XXXXXX",
        b"   ",
        b"&amp;",
        b"&bogus;",
        b"<",
        b"]]>",
        b"\xff\xfe",
        b"99999999999999",
        b"-1",
        b"2025-02-30",
        b"31/12/2020",
        b"true",
        b"\x00",
        "é€😀".encode(),
        b"<![CDATA[x]]>",
        b"<!DOCTYPE a>",
        b'<?xml version="1.0"?>',
    ]
)


def import_or_refuse(data: bytes) -> None:
    try:
        ctf = parse(data)
    except CtfError as error:
        assert error.message  # a refusal always says why
        return
    plan_import(ctf, [], {}, DEFAULT_OPTIONS, TODAY)


@st.composite
def byte_mutations(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(VALID)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["delete", "insert", "flip", "truncate", "repeat"]))
        if kind == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "insert":
            data[at:at] = draw(st.one_of(NASTY, st.binary(min_size=1, max_size=8)))
        elif kind == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif kind == "truncate":
            del data[at:]
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 200))]
    return bytes(data)


@st.composite
def value_mutations(draw: st.DrawFn) -> bytes:
    """Keep the XML well-formed and change values: what a careless exporter does."""
    data = draw(st.sampled_from(VALID))
    spans = [m.span(1) for m in TEXT.finditer(data)]
    chosen = draw(st.lists(st.sampled_from(spans), min_size=1, max_size=6, unique=True))
    for start, end in sorted(chosen, reverse=True):
        value = draw(
            st.one_of(
                NASTY.filter(lambda v: b"<" not in v and b"&" not in v),
                st.text(
                    alphabet=st.characters(blacklist_characters="<&", blacklist_categories=["Cs"]),
                    max_size=30,
                ).map(str.encode),
            )
        )
        data = data[:start] + value + data[end:]
    return data


@st.composite
def tag_mutations(draw: st.DrawFn) -> bytes:
    """Rename, re-case or drop elements, the way versions and suppliers differ."""
    text = draw(st.sampled_from(VALID)).decode()
    tags = sorted(set(re.findall(r"<([A-Za-z]+)>", text)))
    for tag in draw(st.lists(st.sampled_from(tags), min_size=1, max_size=3, unique=True)):
        how = draw(st.sampled_from(["upper", "lower", "rename", "drop"]))
        pattern = re.compile(rf"<{tag}>(.*?)</{tag}>", re.DOTALL)
        if how == "drop":
            text = pattern.sub("", text)
        else:
            new = {"upper": tag.upper(), "lower": tag.lower(), "rename": tag + "Old"}[how]
            text = pattern.sub(lambda m, n=new: f"<{n}>{m.group(1)}</{n}>", text)
    return text.encode()


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(byte_mutations())
def test_a_file_with_damaged_bytes_is_imported_or_refused_clearly(data):
    import_or_refuse(data)


@SETTINGS
@given(value_mutations())
def test_a_file_with_odd_values_is_imported_or_refused_clearly(data):
    import_or_refuse(data)


@SETTINGS
@given(tag_mutations())
def test_a_file_with_renamed_or_missing_elements_is_imported_or_refused_clearly(data):
    import_or_refuse(data)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.one_of(value_mutations(), tag_mutations()))
@pytest.mark.django_db
def test_a_damaged_file_applied_to_a_school_is_imported_or_refused_clearly(school, data):
    try:
        apply(build_preview(school, data, today=TODAY))
    except CtfError as error:
        assert error.message
