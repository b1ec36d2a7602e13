"""The mappings from Wonde's wire format that the public record does not confirm."""

import pytest

from wonde.adapter import normalise_gender, pick_email, sen_provision


@pytest.mark.parametrize(
    ("emails", "picked"),
    [
        ({"email": "a@x.example", "primary": "b@x.example", "home": "c@x.example"}, "a@x.example"),
        ({"primary": "b@x.example", "home": "c@x.example", "work": "d@x.example"}, "b@x.example"),
        ({"home": "c@x.example", "work": "d@x.example"}, "c@x.example"),
        ({"work": "d@x.example"}, "d@x.example"),
    ],
)
def test_pick_email_takes_email_then_primary_then_home_then_work(emails, picked):
    assert pick_email(emails) == picked


def test_pick_email_skips_blank_and_null_addresses():
    assert pick_email({"email": "  ", "primary": None, "home": "", "work": "d@x.example"}) == (
        "d@x.example"
    )


def test_pick_email_trims_the_address():
    assert pick_email({"email": "  a@x.example "}) == "a@x.example"


@pytest.mark.parametrize("emails", [None, {}, {"email": "", "mobile": "07700 900123"}])
def test_pick_email_is_none_without_an_address(emails):
    assert pick_email(emails) is None


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
