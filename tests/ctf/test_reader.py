"""Bad files are refused with what is wrong and where; nothing else ever escapes."""

from __future__ import annotations

import codecs

import pytest

from pupilsync.ctf.errors import CtfError
from pupilsync.ctf.parser import parse
from pupilsync.ctf.reader import DEFAULT_LIMITS, Limits
from tests.ctf.builders import core, ctf, pupil
from tests.ctf.conftest import sample


def refusal(data: bytes, limits: Limits = DEFAULT_LIMITS) -> CtfError:
    with pytest.raises(CtfError) as caught:
        parse(data, limits)
    return caught.value


def test_it_refuses_a_file_with_a_doctype_and_entities_without_expanding_them():
    error = refusal(sample("doctype_entities.xml"))
    assert "DTD" in error.message
    assert error.line == 4
    assert "passwd" not in str(error) and "Expanded" not in str(error)


def test_it_refuses_an_entity_declared_after_a_clean_start():
    data = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<CTfile/>'
    assert "DTD" in refusal(data).message


def test_it_says_a_file_that_is_not_xml_is_not_well_formed():
    error = refusal(b"UPN,Surname\nN873900124001,Quill\n")
    assert "not well-formed XML" in error.message
    assert error.line == 1


def test_it_names_the_line_and_element_of_a_broken_tag():
    error = refusal(ctf(pupil("<BasicDetails><NCyearActual>6</BasicDetails>")))
    assert "mismatched tag" in error.message
    assert error.element == "NCyearActual"
    assert error.line == 2


def test_it_says_other_xml_is_not_a_ctf():
    error = refusal(b"<Census><Pupil/></Census>")
    assert error.message.startswith("not a CTF")
    assert error.element == "Census"


def test_it_recognises_an_admissions_transfer_file():
    assert "Admissions Transfer File" in refusal(b"<ATfile><Header/></ATfile>").message


def test_it_refuses_a_ctf_without_a_header():
    assert "no <Header>" in refusal(b"<CTfile><CTFpupilData/></CTfile>").message


def test_it_refuses_a_declared_encoding_other_than_utf8():
    data = b'<?xml version="1.0" encoding="windows-1252"?><CTfile/>'
    error = refusal(data)
    assert "wrong encoding" in error.message and "windows-1252" in error.message


def test_it_refuses_bytes_that_are_not_utf8_and_says_on_which_line():
    data = ctf(pupil(surname="Br\xfcck")).replace("Br\xfcck".encode(), b"Br\xfcck")
    error = refusal(data)
    assert "not UTF-8" in error.message
    assert error.line == 2


def test_it_refuses_a_utf16_file():
    data = codecs.BOM_UTF16_LE + ctf(pupil()).decode().encode("utf-16-le")
    assert "UTF-16" in refusal(data).message


def test_it_reads_a_utf8_file_that_starts_with_a_byte_order_mark():
    assert len(parse(codecs.BOM_UTF8 + ctf(pupil())).pupils) == 1


def test_it_refuses_a_file_over_the_size_limit_before_reading_it():
    error = refusal(ctf(pupil()), Limits(max_bytes=100))
    assert "too large" in error.message


def test_it_refuses_a_file_with_more_pupils_than_the_limit():
    data = ctf(*(pupil(upn="N873900124001") for _ in range(3)))
    error = refusal(data, Limits(max_pupils=2))
    assert "more than 2 pupils" in error.message
    assert error.element == "Pupil"


def test_it_refuses_an_empty_file():
    assert "empty" in refusal(b"  \n").message


def test_a_refusal_reads_as_where_then_what():
    assert str(refusal(b"<Census/>")).startswith("line 1, <Census>: not a CTF")


def test_it_refuses_elements_nested_deeper_than_any_ctf():
    deep = "<a>" * 40 + "</a>" * 40
    assert "nested too deeply" in refusal(ctf(pupil(deep))).message


def test_a_pupil_core_is_enough_to_read():
    assert parse(ctf(core())).pupils[0].upn == "N873900124001"
