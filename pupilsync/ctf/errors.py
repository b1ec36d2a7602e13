"""The one error a CTF import raises: what is wrong, and where in the file."""

from __future__ import annotations


class CtfError(ValueError):
    """A file we will not import, with the line and element where we found out why."""

    def __init__(self, message: str, *, line: int | None = None, element: str | None = None):
        self.message = message
        self.line = line
        self.element = element
        super().__init__(self.where() + message)

    def where(self) -> str:
        parts = []
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.element:
            parts.append(f"<{self.element}>")
        return ", ".join(parts) + ": " if parts else ""

    def as_dict(self) -> dict[str, object]:
        return {"error": self.message, "line": self.line, "element": self.element}
