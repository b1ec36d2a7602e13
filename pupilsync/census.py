"""The DfE school census's words, as every source (Wonde, a CTF, the fake) must end up saying
them: a pupil's sex, their SEN provision, and their Unique Pupil Number.

Pure: no Django and no Wonde, so the fake Wonde, the CTF importer and the sync share one copy.
"""

from __future__ import annotations

import re

# SEN provision a school's own MIS code may stand for, in the words the pages use.
PROVISIONS = {"N": "No SEN", "K": "SEN support", "E": "EHC plan"}
# A source may send a census code (older ones too: S statement, A/P school action (plus)), or
# the MIS's text for it; anything else is a school's own code.
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


def normalise_gender(value: str | None) -> str | None:
    """MALE / FEMALE in upper case, however a source spells them (Wonde's clients have seen
    lower case; a CTF's <Sex> is M or F)."""
    if not value:
        return None
    text = value.strip().upper()
    return {"M": "MALE", "F": "FEMALE"}.get(text, text)


def sen_provision(status: str | None) -> str | None:
    """A census provision code for a standard SEN status, or None when it is not standard.

    A custom code (e.g. "MP") is not guessed: the caller decides what to do with it.
    """
    if status is None:
        return None
    text = status.strip()
    if text.upper() in SEN_PROVISION_CODES:
        return text.upper()
    return SEN_PROVISION_TEXTS.get(text.lower())


# A UPN is 13 characters: a check letter, the LA code (3 digits), the establishment number (4),
# the year allocated (2) and a serial (3). A temporary UPN ends in a letter instead of a digit.
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # I, O and S are never used
_UPN_SHAPE = re.compile(r"^[A-HJ-NP-RT-Z]\d{11}[0-9A-HJ-NP-RT-Z]$")


def upn_check_letter(body: str) -> str:
    """The check letter for the 12 characters that follow it."""
    if len(body) != 12:
        raise ValueError("a UPN body has 12 characters")
    total = 0
    for position, char in enumerate(body, start=2):
        value = int(char) if char.isdigit() else UPN_LETTERS.index(char)
        total += value * position
    return UPN_LETTERS[total % 23]


def is_valid_upn(upn: str) -> bool:
    """True for a well-formed UPN, permanent or temporary, whose check letter is right."""
    upn = upn.strip().upper()
    if not _UPN_SHAPE.match(upn):
        return False
    return upn[0] == upn_check_letter(upn[1:])


def is_temporary_upn(upn: str) -> bool:
    return is_valid_upn(upn) and upn.strip().upper()[-1].isalpha()


def make_upn(la_code: str, establishment: str, year: int, serial: int) -> str:
    """A permanent UPN for the given parts (the fake Wonde and test fixtures use it)."""
    body = f"{int(la_code):03d}{int(establishment):04d}{year % 100:02d}{serial % 1000:03d}"
    return upn_check_letter(body) + body
