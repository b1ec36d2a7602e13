"""A small element tree for one pupil at a time, and readers for CTF values.

Producers differ in tag case (`ZIP`, `CTFVersion`), pad text with spaces and write placeholders
(`XXXXXX`) for missing values, so every lookup here is case-insensitive, strips text and reads
a placeholder as missing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

_PLACEHOLDER = re.compile(r"^X{2,}$", re.IGNORECASE)  # XXX, XXXX, XXXXXX; a lone X is a code
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TRUE = {"true", "1", "yes", "y"}
_FALSE = {"false", "0", "no", "n"}


@dataclass(slots=True)
class Node:
    tag: str  # the element's local name as written
    line: int
    parts: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    key: str = field(init=False)  # the tag in lower case, for lookups

    def __post_init__(self) -> None:
        self.key = self.tag.lower()

    @property
    def text(self) -> str | None:
        """The stripped text, or None for an empty element or a placeholder."""
        value = "".join(self.parts).strip()
        if not value or _PLACEHOLDER.match(value):
            return None
        return value

    def child(self, name: str) -> Node | None:
        name = name.lower()
        for node in self.children:
            if node.key == name:
                return node
        return None

    def all(self, name: str) -> Iterator[Node]:
        name = name.lower()
        return (node for node in self.children if node.key == name)

    def value(self, *path: str) -> str | None:
        """The text at a path of child names, or None when any step is missing."""
        node: Node | None = self
        for name in path:
            node = node.child(name) if node is not None else None
        return node.text if node is not None else None


class BadValue(ValueError):
    """A value that does not read as its type; the caller decides how much it matters."""

    def __init__(self, node: Node, expected: str):
        self.node = node
        super().__init__(f"<{node.tag}> '{node.text}' is not {expected}")


def text_of(node: Node | None) -> str | None:
    return node.text if node is not None else None


def date_of(node: Node | None) -> dt.date | None:
    text = text_of(node)
    if text is None or node is None:
        return None
    if not _DATE.match(text):  # DD/MM/YYYY is ambiguous to a reader: never guess
        raise BadValue(node, "a date in the form YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadValue(node, "a real date") from None


def bool_of(node: Node | None) -> bool | None:
    text = text_of(node)
    if text is None or node is None:
        return None
    lowered = text.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise BadValue(node, "true, false, 1 or 0")


def int_of(node: Node | None) -> int | None:
    text = text_of(node)
    if text is None or node is None:
        return None
    if not text.isdigit() or len(text) > 9:
        raise BadValue(node, "a whole number")
    return int(text)
