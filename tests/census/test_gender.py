"""A pupil's sex as the census writes it: MALE or FEMALE, however a source spells it."""

import pytest

from pupilsync.census import normalise_gender


@pytest.mark.parametrize(
    ("wire", "gender"),
    [
        ("MALE", "MALE"),
        ("FEMALE", "FEMALE"),
        ("male", "MALE"),
        (" Female ", "FEMALE"),
        ("M", "MALE"),
        ("f", "FEMALE"),
        ("UNKNOWN", "UNKNOWN"),
        ("", None),
        (None, None),
    ],
)
def test_normalise_gender_reads_every_spelling(wire, gender):
    assert normalise_gender(wire) == gender


def test_gender_is_upper_case():
    assert normalise_gender("female") == "FEMALE"
    assert normalise_gender("M") == "MALE"
