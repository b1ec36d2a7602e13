"""SEN provision in the census's codes, from whatever a source sends: a code, or its text."""

import pytest

from pupilsync.census import sen_provision


@pytest.mark.parametrize("code", ["N", "K", "E", "S", "A", "P"])
def test_sen_provision_keeps_a_census_code(code):
    assert sen_provision(code) == code


@pytest.mark.parametrize(("status", "code"), [("k", "K"), ("e", "E"), (" n ", "N")])
def test_sen_provision_reads_a_census_code_in_any_case(status, code):
    assert sen_provision(status) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("SEN Support", "K"),
        ("Education, Health and Care Plan", "E"),
        ("No Special Educational Need", "N"),
        ("Statement", "S"),
        ("sen support", "K"),
        (" EDUCATION, HEALTH AND CARE PLAN ", "E"),
    ],
)
def test_sen_provision_reads_the_mis_text_for_a_code(text, code):
    assert sen_provision(text) == code


@pytest.mark.parametrize("custom", ["MP", "mp", "K+", "Monitoring"])
def test_sen_provision_does_not_guess_a_custom_code(custom):
    assert sen_provision(custom) is None


def test_sen_provision_is_none_for_a_null_status():
    assert sen_provision(None) is None


@pytest.mark.parametrize(
    ("status", "provision"),
    [
        ("k", "K"),
        ("E", "E"),
        ("SEN Support", "K"),
        ("Education, Health and Care Plan", "E"),
        ("No Special Educational Need", "N"),
        ("Statement", "S"),
        ("MP", None),
        (None, None),
    ],
)
def test_sen_status_is_read_as_a_census_code(status, provision):
    assert sen_provision(status) == provision
