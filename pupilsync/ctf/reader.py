"""A hardened, streaming read of a CTF's XML: the header, then one pupil at a time.

The bytes go to expat through defusedxml with DTDs forbidden, so no entity is ever expanded and
no external reference fetched. Only the element being read is held in memory: each `Pupil` is
handed over when it ends and then dropped.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from pupilsync.ctf.errors import CtfError
from pupilsync.ctf.nodes import Node

MAX_BYTES = 64 * 2**20  # a whole-school CTF with every block is about 6 KB a pupil
MAX_PUPILS = 5000
MAX_DEPTH = 24  # the deepest real path is about eight elements
CHUNK = 64 * 1024
_ENCODING = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_UTF8 = {"utf-8", "utf8", "us-ascii", "ascii"}
# Blocks we never import: read past without building them (addresses, vendor extensions...).
SKIPPED = frozenset(("address", "phones", "schoolhistory", "attendsessions", "nawdetails"))
# A supplier's own block is read past too, but for the language SIMS may give only there.
SUPPLIER_BLOCK = "suppinfo"
SUPPLIER_KEPT = frozenset(("language",))
_BOMS = {codecs.BOM_UTF16_LE: "UTF-16", codecs.BOM_UTF16_BE: "UTF-16"}


@dataclass(frozen=True)
class Limits:
    max_bytes: int = MAX_BYTES
    max_pupils: int = MAX_PUPILS


DEFAULT_LIMITS = Limits()


def read(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Iterator[tuple[str, Node]]:
    """("header", node) once, then ("pupil", node) for each pupil, or a CtfError."""
    if len(data) > limits.max_bytes:
        raise CtfError(
            f"the file is too large ({len(data) / 2**20:.1f} MB; the limit is "
            f"{limits.max_bytes / 2**20:.0f} MB). Export the pupils in smaller groups."
        )
    if not data.strip():
        raise CtfError("the file is empty")
    _check_encoding(data)
    target = _Target(limits)
    parser = DefusedXMLParser(target=target, forbid_dtd=True)
    target.expat = parser.parser
    decoder = codecs.getincrementaldecoder("utf-8")()
    for start in range(0, len(data), CHUNK):
        chunk = data[start : start + CHUNK]
        _decode(decoder, chunk, data, start, final=False)
        _feed(parser, target, chunk)
        yield from target.drain()
    _decode(decoder, b"", data, len(data), final=True)
    _close(parser, target)
    yield from target.drain()
    if not target.seen_header:
        raise CtfError("not a CTF: the file has no <Header>", element=target.root)


def _check_encoding(data: bytes) -> None:
    for bom, name in _BOMS.items():
        if data.startswith(bom):
            raise CtfError(f"wrong encoding: the file is {name}; a CTF must be UTF-8", line=1)
    declared = _ENCODING.match(data[:512].removeprefix(codecs.BOM_UTF8))
    if declared and declared.group(1).decode("ascii").lower() not in _UTF8:
        name = declared.group(1).decode("ascii")
        raise CtfError(f"wrong encoding: the file declares '{name}'; a CTF must be UTF-8", line=1)


def _decode(decoder: Any, chunk: bytes, data: bytes, offset: int, *, final: bool) -> None:
    try:
        decoder.decode(chunk, final)
    except UnicodeDecodeError as error:
        at = offset + error.start
        line = data.count(b"\n", 0, at) + 1
        raise CtfError(
            f"wrong encoding: byte 0x{data[at]:02X} at offset {at} is not UTF-8; "
            "export the file again as UTF-8",
            line=line,
        ) from None


def _feed(parser: DefusedXMLParser, target: _Target, chunk: bytes) -> None:
    try:
        parser.feed(chunk)
    except (ParseError, DefusedXmlException) as error:
        raise _explain(error, target) from None


def _close(parser: DefusedXMLParser, target: _Target) -> None:
    try:
        parser.close()
    except (ParseError, DefusedXmlException) as error:
        raise _explain(error, target) from None


def _explain(error: Exception, target: _Target) -> CtfError:
    line = target.expat.CurrentLineNumber if target.expat is not None else None
    element = target.stack[-1].tag if target.stack else None
    if isinstance(error, DefusedXmlException):
        return CtfError(
            "the file carries a DTD or entity declarations (<!DOCTYPE ...>), which no CTF "
            "has; it was refused unread",
            line=line,
            element=element,
        )
    assert isinstance(error, ParseError)
    line, column = getattr(error, "position", (line, 0))
    reason = str(error).split(":")[0]
    return CtfError(
        f"not well-formed XML ({reason}, column {column + 1})", line=line, element=element
    )


class _Target:
    """Builds Nodes from expat's events, handing over the header and each pupil as they end."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.expat: Any = None
        self.stack: list[Node] = []
        self.ready: list[tuple[str, Node]] = []
        self.root: str | None = None
        self.seen_header = False
        self.pupils = 0
        self.skipping = 0  # depth inside a block we read past

    def drain(self) -> Iterator[tuple[str, Node]]:
        ready, self.ready = self.ready, []
        return iter(ready)

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if self.skipping:
            self.skipping += 1
            return
        name = tag.rpartition("}")[2]  # a namespace, if a producer adds one, is not a CTF's
        if len(self.stack) >= 2 and self._skipped(name.lower()):
            self.skipping = 1
            return
        node = Node(name, self.expat.CurrentLineNumber)
        depth = len(self.stack)
        if depth == 0:
            self._root(node)
        elif depth >= MAX_DEPTH:
            raise CtfError("elements are nested too deeply for a CTF", line=node.line, element=name)
        elif depth == 2 and node.key == "pupil" and not self.seen_header:
            raise CtfError("not a CTF: pupils come before the <Header>", line=node.line)
        if depth >= 2 or (depth == 1 and node.key == "header"):
            self.stack[-1].children.append(node)
        self.stack.append(node)

    def end(self, tag: str) -> None:
        if self.skipping:
            self.skipping -= 1
            return
        node = self.stack.pop()
        depth = len(self.stack)
        if depth == 1 and node.key == "header":
            self.seen_header = True
            self.ready.append(("header", node))
            self.stack[-1].children.clear()
        elif depth == 2 and node.key == "pupil":
            self._pupil(node)

    def data(self, text: str) -> None:
        if len(self.stack) >= 2 and not self.skipping:  # text between pupils is layout, not data
            self.stack[-1].parts.append(text)

    def close(self) -> None:
        return None

    def _skipped(self, name: str) -> bool:
        if self.stack[-1].key == SUPPLIER_BLOCK:
            return name not in SUPPLIER_KEPT
        return name in SKIPPED

    def _root(self, node: Node) -> None:
        self.root = node.tag
        if node.key == "atfile":
            raise CtfError(
                "this is an Admissions Transfer File (ATF), not a CTF",
                line=node.line,
                element=node.tag,
            )
        if node.key != "ctfile":
            raise CtfError(
                f"not a CTF: the document is <{node.tag}>, a CTF is <CTfile>",
                line=node.line,
                element=node.tag,
            )

    def _pupil(self, node: Node) -> None:
        self.pupils += 1
        if self.pupils > self.limits.max_pupils:
            raise CtfError(
                f"the file has more than {self.limits.max_pupils} pupils; "
                "export them in smaller groups",
                line=node.line,
                element=node.tag,
            )
        self.ready.append(("pupil", node))
        self.stack[-1].children.clear()  # the pupil is handed over; keep nothing of it here
