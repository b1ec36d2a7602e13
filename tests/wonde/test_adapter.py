"""The mappings from Wonde's wire format that the public record does not confirm."""

import pytest

from wonde.adapter import (
    is_zero_date,
    pick_email,
    to_flag,
    to_int,
    to_relationship,
    to_text,
    unwrap_many,
    unwrap_one,
)


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


# Lenient readings: each rule in wonde.adapter, one test each ------------------------------------


@pytest.mark.parametrize(
    ("value", "flag"),
    [
        ("Y", True), ("N", False), ("Yes", True), ("No", False), ("true", True), ("FALSE", False),
        ("1", True), ("0", False), ("T", True), ("F", False), (1, True), (0, False), (" y ", True),
        ("", None), (None, None), (True, True),
    ],
)  # fmt: skip
def test_to_flag_reads_every_yes_no_spelling(value, flag):
    assert to_flag(value) is flag


@pytest.mark.parametrize(
    ("text", "flag"),
    [("Not applicable", False), ("New to English", True), ("Fluent", True), ("competent", True)],
)
def test_to_flag_reads_a_known_status_text(text, flag):
    assert to_flag(text) is flag


@pytest.mark.parametrize("odd", ["perhaps", 2, [], {}, 0.5])
def test_to_flag_says_what_it_expected_for_anything_else(odd):
    with pytest.raises(ValueError, match="yes or no"):
        to_flag(odd)


@pytest.mark.parametrize(
    ("value", "number"), [("2", 2), (" 3 ", 3), ("4.0", 4), (5.0, 5), ("", None)]
)
def test_to_int_reads_a_number_sent_as_text(value, number):
    assert to_int(value) == number


def test_to_int_leaves_a_word_for_the_model_to_reject():
    assert to_int("primary") == "primary"


@pytest.mark.parametrize(
    ("value", "text"), [(9919, "9919"), (1.5, "1.5"), ("A1", "A1"), (True, True)]
)
def test_to_text_keeps_ids_and_codes_sent_as_numbers_as_text(value, text):
    assert to_text(value) == text


@pytest.mark.parametrize(
    "zero", ["0000-00-00", "0000-00-00 00:00:00", "-0001-11-30 00:00:00.000000", "0001-01-01"]
)
def test_is_zero_date_knows_php_empty_dates(zero):
    assert is_zero_date(zero)


def test_is_zero_date_is_false_for_a_real_date():
    assert not is_zero_date("2016-09-29 00:00:00.000000")


def test_to_relationship_reads_a_plain_string_as_the_relationship_text():
    assert to_relationship("Mother") == {"relationship": "Mother"}
    assert to_relationship(" ") is None
    assert to_relationship({"priority": 1}) == {"priority": 1}


def test_unwrap_one_reads_a_list_of_one_as_the_object():
    assert unwrap_one({"data": [{"name": "7A"}]}) == {"name": "7A"}
    assert unwrap_one([]) is None


def test_unwrap_many_reads_a_single_object_as_a_list_of_one():
    assert unwrap_many({"data": {"type": "SLCN"}}) == [{"type": "SLCN"}]
    assert unwrap_many({"type": "SLCN"}) == [{"type": "SLCN"}]
    assert unwrap_many({"data": {}}) == []
