"""Unique Pupil Numbers: the DfE check letter.

A UPN is 13 characters: a check letter, the LA code (3 digits), the establishment number (4),
the year allocated (2) and a serial (3). A temporary UPN ends in a letter instead of a digit.
Pure functions with no Django, so the fake Wonde and the CTF importer can share them.
"""

from __future__ import annotations

import re

LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # I, O and S are never used
_SHAPE = re.compile(r"^[A-HJ-NP-RT-Z]\d{11}[0-9A-HJ-NP-RT-Z]$")


def check_letter(body: str) -> str:
    """The check letter for the 12 characters that follow it."""
    if len(body) != 12:
        raise ValueError("a UPN body has 12 characters")
    total = 0
    for position, char in enumerate(body, start=2):
        value = int(char) if char.isdigit() else LETTERS.index(char)
        total += value * position
    return LETTERS[total % 23]


def is_valid(upn: str) -> bool:
    """True for a well-formed UPN, permanent or temporary, whose check letter is right."""
    upn = upn.strip().upper()
    if not _SHAPE.match(upn):
        return False
    return upn[0] == check_letter(upn[1:])


def is_temporary(upn: str) -> bool:
    return is_valid(upn) and upn.strip().upper()[-1].isalpha()


def make(la_code: str, establishment: str, year: int, serial: int) -> str:
    """A permanent UPN for the given parts (the fake Wonde and test fixtures use it)."""
    body = f"{int(la_code):03d}{int(establishment):04d}{year % 100:02d}{serial % 1000:03d}"
    return check_letter(body) + body
