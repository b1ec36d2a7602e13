"""Every mapping from Wonde's wire format that the public record does not confirm.

The shapes here follow the project's Wonde contract (docs/wonde-contract.md). When a real response
shows otherwise, this is the one module to correct.
"""

from __future__ import annotations

from typing import Any

# Include names the sync asks for on /students.
STUDENT_INCLUDES = (
    "education_details",
    "extended_details",
    "year",
    "registration",
    "classes",
    "sen_needs",
    "contacts",
    "contacts.contact_details",
)

# contact_details.emails may hold an address under any of these keys; take the first non-empty.
EMAIL_KEYS = ("email", "primary", "home", "work")

# Error bodies: {"error": "<code>", "error_description": "<text>"}; any other body is tolerated.
ERROR_CODE_KEY = "error"
ERROR_TEXT_KEY = "error_description"

_TRUE = {"true", "t", "yes", "y", "1"}
_FALSE = {"false", "f", "no", "n", "0"}
# Some MISs send a status text where Wonde documents a flag. English as an additional language:
# the DfE proficiency scale says the pupil has EAL; "not applicable" says English is their first.
FLAG_TEXTS = {
    "not applicable": False,
    "n/a": False,
    "new to english": True,
    "early acquisition": True,
    "developing competence": True,
    "competent": True,
    "fluent": True,
}
FLAG_EXPECTED = "yes or no (Y/N, Yes/No, true/false, 1/0, T/F)"


def to_flag(value: Any) -> bool | None:
    """Booleans arrive as true/false, "Y"/"N", 1/0, "Yes"/"No", "T"/"F" or a known status text."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if not isinstance(value, str):
        raise ValueError(FLAG_EXPECTED)
    text = value.strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if text in FLAG_TEXTS:
        return FLAG_TEXTS[text]
    if text == "":
        return None
    raise ValueError(FLAG_EXPECTED)


def to_int(value: Any) -> Any:
    """Counts and ranks may arrive as text ("2", " 2 ", "2.0"); an empty string is no value."""
    if isinstance(value, str):
        text = value.strip()
        if text == "":
            return None
        try:
            number = float(text)
        except ValueError:
            return value  # pydantic says what it expected
        return int(number) if number.is_integer() else value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def to_text(value: Any) -> Any:
    """Ids and codes arrive as numbers from some MISs: keep them as strings."""
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


# PHP's serialisation of an empty MIS date: zero dates and their negative-year rendering.
ZERO_DATE_PREFIXES = ("0000-00-00", "-0001-11-30", "0001-01-01")


def is_zero_date(text: str) -> bool:
    return text.strip().startswith(ZERO_DATE_PREFIXES)


def to_relationship(value: Any) -> Any:
    """A contact's relationship is an object; some answers give only its text ("Mother")."""
    if isinstance(value, str):
        return {"relationship": value} if value.strip() else None
    return value


def known_emails(value: Any) -> Any:
    """Only the keys an address is read from: anything else in `emails` is not ours to judge."""
    if isinstance(value, dict):
        return {key: value[key] for key in EMAIL_KEYS if key in value}
    return value


def pick_email(emails: dict[str, Any] | None) -> str | None:
    if not emails:
        return None
    for key in EMAIL_KEYS:
        value = emails.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def unwrap_one(value: Any) -> Any:
    """A to-one include is {"data": {...}} or {"data": null}; left out, it may be an id string.

    A list of one object where one object was expected is read as that object. No record we read
    has a field called `data`, so any object holding one is an envelope, whatever else it holds.
    """
    if isinstance(value, dict) and "data" in value:
        value = value["data"]
    if isinstance(value, str):
        return None
    if isinstance(value, list) and len(value) <= 1:
        return value[0] if value else None
    return value


def unwrap_many(value: Any) -> Any:
    """A to-many include is {"data": [...]}; a denied one {"data": []} or {"data": null}.

    A single object where a list was expected is read as a list of one.
    """
    if isinstance(value, dict) and "data" in value:
        value = value["data"]
    if value is None or value == {}:
        return []
    if isinstance(value, dict):
        return [value]
    return value
