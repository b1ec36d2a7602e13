"""A CTF file, parsed: its header and its pupils, each read or refused with the reason.

ctf = parse(data)   # bytes as uploaded; a CtfError says what is wrong and where
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from pupilsync.ctf.errors import CtfError
from pupilsync.ctf.nodes import Node
from pupilsync.ctf.pupil import CtfPupil, read_pupil
from pupilsync.ctf.reader import DEFAULT_LIMITS, Limits, read

VERSIONS = range(19, 27)  # the versions schools send today


@dataclass(frozen=True)
class Header:
    version: str | None
    qualifier: str | None  # full | partial
    supplier: str | None
    source_la: str | None
    source_estab: str | None
    source_name: str | None
    created: str | None  # as written: producers disagree on the time zone
    academic_year: int | None = None  # SourceSchool/AcademicYear: the year the file is for
    document_type: str | None = None
    source_urn: str | None = None
    dest_la: str | None = None
    dest_estab: str | None = None
    dest_urn: str | None = None

    @property
    def partial(self) -> bool:
        return self.qualifier != "full"

    @property
    def made(self) -> dt.datetime | None:
        """When the file was made, as written (no zone), if the header says so readably."""
        try:
            return dt.datetime.fromisoformat((self.created or "").strip()[:19])
        except ValueError:
            return None

    def source(self) -> str:
        where = "/".join(p for p in (self.source_la, self.source_estab) if p)
        return " ".join(p for p in (self.source_name, f"({where})" if where else "") if p)


@dataclass(frozen=True)
class Rejected:
    """A pupil we will not import, and why."""

    line: int
    label: str  # the UPN or name, as far as the file says
    reason: str


@dataclass
class CtfFile:
    header: Header
    sha256: str
    pupils: list[CtfPupil] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def parse(data: bytes, limits: Limits = DEFAULT_LIMITS) -> CtfFile:
    """Read a whole CTF, pupil by pupil. Raises CtfError, and only CtfError."""
    try:
        return _parse(data, limits)
    except CtfError:
        raise
    except Exception as error:  # a reader bug must still reach the user as a refusal
        raise CtfError(f"the file could not be read ({type(error).__name__})") from error


def _parse(data: bytes, limits: Limits) -> CtfFile:
    ctf: CtfFile | None = None
    for kind, node in read(data, limits):
        if kind == "header":
            ctf = CtfFile(_header(node), hashlib.sha256(data).hexdigest())
            ctf.warnings.extend(_check_header(ctf.header, node))
            continue
        assert ctf is not None  # the reader hands over no pupil before the header
        try:
            ctf.pupils.append(read_pupil(node))
        except CtfError as error:
            ctf.rejected.append(Rejected(node.line, _label(node), str(error)))
    assert ctf is not None  # the reader refuses a file without a header
    return ctf


def _header(node: Node) -> Header:
    return Header(
        version=node.value("CTFversion"),
        qualifier=(node.value("DocumentQualifier") or "").lower() or None,
        supplier=node.value("SupplierID"),
        source_la=node.value("SourceSchool", "LEA"),
        source_estab=node.value("SourceSchool", "Estab"),
        source_name=node.value("SourceSchool", "SchoolName"),
        created=node.value("DateTime"),
        academic_year=_year(node.value("SourceSchool", "AcademicYear")),
        document_type=node.value("DocumentType"),
        source_urn=node.value("SourceSchool", "URN"),
        dest_la=node.value("DestSchool", "LEA"),
        dest_estab=node.value("DestSchool", "Estab"),
        dest_urn=node.value("DestSchool", "URN"),
    )


def _year(text: str | None) -> int | None:
    """A four-digit start year; anything else is treated as not given (and warned about)."""
    return int(text) if text and text.isdigit() and len(text) == 4 else None


def _check_header(header: Header, node: Node) -> list[str]:
    warnings = []
    name = node.value("DocumentName")
    if name is not None and name.lower() != "common transfer file":
        warnings.append(f"the header names the document '{name}', not 'Common Transfer File'")
    major = (header.version or "").split(".")[0]
    if not major.isdigit():
        warnings.append("the header gives no CTF version; the file was read as a recent one")
    elif int(major) not in VERSIONS:
        warnings.append(
            f"CTF version {header.version} is not one we expect (19 to 26); "
            "some of its data may not import"
        )
    given = node.value("SourceSchool", "AcademicYear")
    if given is not None and header.academic_year is None:
        warnings.append(
            f"the header's academic year '{given}' is not a year; the file's date was used"
        )
    if header.qualifier not in ("full", "partial"):
        warnings.append("the header does not say full or partial; read as partial")
    return warnings


def _label(node: Node) -> str:
    return (
        node.value("UPN")
        or " ".join(p for p in (node.value("Forename"), node.value("Surname")) if p)
        or f"the pupil at line {node.line}"
    )


def file_date(ctf: CtfFile) -> dt.date | None:
    """The day the file was made, if its header says so readably."""
    made = ctf.header.made
    return made.date() if made is not None else None
