"""Unique Pupil Numbers: the DfE's shape and check letter."""

import pytest

from pupilsync.census import (
    is_temporary_upn,
    is_valid_upn,
    make_upn,
    upn_check_letter,
)


def test_it_accepts_a_upn_whose_check_letter_is_right():
    assert is_valid_upn("N873900124001")


def test_it_refuses_a_upn_with_a_wrong_check_letter():
    assert not is_valid_upn("A881999018001")


def test_it_reads_a_upn_in_lower_case_with_spaces_around_it():
    assert is_valid_upn("  n873900124001 ")


@pytest.mark.parametrize("shape", ["", "N87390012400", "N8739001240011", "I873900124001"])
def test_it_refuses_a_upn_of_the_wrong_shape(shape):
    assert not is_valid_upn(shape)


def test_a_upn_ending_in_a_letter_is_temporary():
    assert is_temporary_upn("Z87390012400A")


def test_a_upn_ending_in_a_digit_is_permanent():
    assert not is_temporary_upn("N873900124001")


def test_it_makes_a_upn_from_its_parts():
    assert make_upn("873", "9001", 2024, 1) == "N873900124001"


def test_the_check_letter_needs_twelve_characters():
    with pytest.raises(ValueError, match="12 characters"):
        upn_check_letter("87390012400")
