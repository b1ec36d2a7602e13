"""Read a Wonde record field by field: a value we cannot read is dropped, not the record.

Pydantic validates a record as a whole, so one odd nested value (a word where a number should
be, a string where an object should be) would fail a pupil entirely, and a pupil we cannot read
looks like a pupil who left. `read` validates, and on failure removes exactly the values pydantic
named (a key, or a list item when the item itself is unusable), remembers each one as
`Unreadable`, and validates again. Only a record whose own id is unusable stays unreadable.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)

VALUE_CHARS = 40  # an issue shows this much of a bad value: enough to recognise, not a record
_PASSES = 8  # removing one value can reveal another; a record needs at most a few passes
_GONE = object()

# What pydantic's error types mean, said the way an operator reads an issue.
EXPECTED = {
    "missing": "a value",
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_parsing": "a number",
    "float_type": "a number",
    "string_type": "text",
    "bool_parsing": "yes or no",
    "bool_type": "yes or no",
    "model_type": "an object",
    "model_attributes_type": "an object",
    "dict_type": "an object",
    "tuple_type": "a list",
    "list_type": "a list",
}


@dataclass(frozen=True)
class Unreadable:
    """One value dropped from a record: where it was, what it was (cut short), what we expected."""

    field: str  # a dotted path, as pydantic names it: "sen_needs.0.rank"
    value: str
    expected: str

    def within(self, prefix: str) -> bool:
        return self.field == prefix or self.field.startswith(prefix + ".")


class Unusable(ValueError):
    """The record cannot be read at all: its own id (or the record itself) is unusable."""

    def __init__(self, message: str, unreadable: tuple[Unreadable, ...]) -> None:
        super().__init__(message)
        self.unreadable = unreadable


def read(model: type[M], item: Any) -> tuple[M, tuple[Unreadable, ...]]:
    """The record, and what had to be dropped from it (also kept on the record). Raises Unusable."""
    try:
        return model.model_validate(item), ()
    except ValidationError as error:
        first = error
    raw = copy.deepcopy(item)
    dropped: list[Unreadable] = []
    current = first
    for _ in range(_PASSES):
        found = [_unreadable(e) for e in current.errors()]
        dropped.extend(found)
        if not all(_remove(raw, tuple(e["loc"]), e["type"]) for e in current.errors()):
            break
        _purge(raw)
        try:
            record = model.model_validate(raw)
        except ValidationError as error:
            current = error
            continue
        if "_unreadable" in (model.__private_attributes__ or {}):
            record._unreadable = tuple(dropped)  # type: ignore[attr-defined]
        return record, tuple(dropped)
    raise Unusable(_summary(dropped), tuple(dropped))


def cut(value: Any, size: int = VALUE_CHARS) -> str:
    text = value if isinstance(value, str) else repr(value)
    text = text.replace("\n", " ")
    return text if len(text) <= size else text[: size - 1] + "…"


def _unreadable(error: Any) -> Unreadable:
    field = ".".join(str(part) for part in error["loc"])
    kind = error["type"]
    if kind == "value_error":  # our own validators say what they wanted
        expected = str(error.get("ctx", {}).get("error") or error["msg"])
    else:
        expected = EXPECTED.get(kind, error["msg"])
    value = "(missing)" if kind == "missing" else cut(error.get("input"))
    return Unreadable(field, value, expected)


def _remove(raw: Any, loc: tuple[Any, ...], kind: str) -> bool:
    """Drop the value at `loc`; False when that would drop the record itself."""
    if kind == "missing":  # nothing to drop at the key: the object lacking it goes
        loc = loc[:-1]
        while loc and isinstance(loc[-1], str) and not loc[-1].isidentifier():
            loc = loc[:-1]
    if not loc:
        return False
    node = raw
    for part in loc[:-1]:
        node = _step(node, part)
        if node is None:
            return True  # already gone with an earlier error's removal
    node = _inside(node, loc[-1])
    last = loc[-1]
    if isinstance(node, dict) and last in node:
        del node[last]
    elif isinstance(node, list) and isinstance(last, int) and 0 <= last < len(node):
        node[last] = _GONE
    return True


def _step(node: Any, part: Any) -> Any:
    node = _inside(node, part)
    if isinstance(node, dict) and part in node:
        return node[part]
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def _inside(node: Any, part: Any) -> Any:
    """Look through an include's {"data": ...} envelope, as the models do."""
    while isinstance(node, dict) and part not in node and "data" in node:
        node = node["data"]
    return node


def _purge(node: Any) -> None:
    if isinstance(node, dict):
        for value in node.values():
            _purge(value)
    elif isinstance(node, list):
        node[:] = [value for value in node if value is not _GONE]
        for value in node:
            _purge(value)


def _summary(dropped: list[Unreadable]) -> str:
    return "; ".join(f"{d.field}: expected {d.expected}" for d in dropped[:3])
