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

# extended_details.sen_status may be a census code, the MIS's text for it, or a school's own code.
SEN_PROVISION_CODES = {"N", "K", "E", "S", "A", "P"}
SEN_PROVISION_TEXTS = {
    "no special educational need": "N",
    "no sen": "N",
    "sen support": "K",
    "education, health and care plan": "E",
    "ehc plan": "E",
    "statement": "S",
    "school action": "A",
    "school action plus": "P",
}

# Error bodies: {"error": "<code>", "error_description": "<text>"}; any other body is tolerated.
ERROR_CODE_KEY = "error"
ERROR_TEXT_KEY = "error_description"

_TRUE = {"true", "t", "yes", "y", "1"}
_FALSE = {"false", "f", "no", "n", "0"}


def to_flag(value: Any) -> bool | None:
    """Booleans arrive as true/false, "Y"/"N", 1/0 or "Yes"/"No": read them all the same."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if text == "":
        return None
    raise ValueError(f"not a yes/no value: {value!r}")


def pick_email(emails: dict[str, Any] | None) -> str | None:
    if not emails:
        return None
    for key in EMAIL_KEYS:
        value = emails.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def normalise_gender(value: str | None) -> str | None:
    """Wonde sends MALE / FEMALE in upper case; some clients saw lower case."""
    if not value:
        return None
    text = value.strip().upper()
    return {"M": "MALE", "F": "FEMALE"}.get(text, text)


def sen_provision(status: str | None) -> str | None:
    """A census provision code for a standard sen_status, or None when it is not standard.

    A custom code (e.g. "MP") is not guessed: the caller decides what to do with it.
    """
    if status is None:
        return None
    text = status.strip()
    if text.upper() in SEN_PROVISION_CODES:
        return text.upper()
    return SEN_PROVISION_TEXTS.get(text.lower())


def unwrap_one(value: Any) -> Any:
    """A to-one include is {"data": {...}} or {"data": null}; left out, it may be an id string."""
    if isinstance(value, dict) and set(value) <= {"data", "meta"} and "data" in value:
        return value["data"]
    if isinstance(value, str):
        return None
    return value


def unwrap_many(value: Any) -> Any:
    """A to-many include is {"data": [...]}; a denied one {"data": []} or {"data": null}."""
    if value is None:
        return []
    if isinstance(value, dict) and "data" in value:
        return value["data"] or []
    return value
