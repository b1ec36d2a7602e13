"""A small CTF writer for tests, so a test says only the elements that matter to it."""

from __future__ import annotations

HEADER = (
    "<Header><DocumentName>Common Transfer File</DocumentName><CTFversion>{version}</CTFversion>"
    "<DateTime>{made}</DateTime><DocumentQualifier>{qualifier}</DocumentQualifier>"
    "<SourceSchool><LEA>{source[0]}</LEA><Estab>{source[1]}</Estab>"
    "<SchoolName>Testing School</SchoolName>{year}</SourceSchool>"
    "<DestSchool><LEA>{dest[0]}</LEA><Estab>{dest[1]}</Estab><URN>XXXXXX</URN></DestSchool>"
    "</Header>"
)


def ctf(
    *pupils: str,
    version: str = "24.0",
    qualifier: str = "partial",
    made: str = "2025-07-01T10:00:00",
    academic_year: int | None = None,
    source: tuple[str, str] = ("873", "9001"),
    dest: tuple[str, str] = ("873", "9002"),
) -> bytes:
    """A CTF of these pupils; `academic_year` is the header's (left out when None)."""
    body = "".join(f"<Pupil>{p}</Pupil>" for p in pupils)
    year = f"<AcademicYear>{academic_year}</AcademicYear>" if academic_year else ""
    header = HEADER.format(
        version=version, qualifier=qualifier, made=made, year=year, source=source, dest=dest
    )
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>\n<CTfile>'
        + header
        + f"<CTFpupilData>{body}</CTFpupilData></CTfile>"
    )
    return xml.encode("utf-8")


def core(
    upn: str = "N873900124001",
    surname: str = "Pemberton-Quill",
    forename: str = "Margaret",
    dob: str = "2014-05-09",
    sex: str = "<Sex>F</Sex>",
) -> str:
    return (
        f"<UPN>{upn}</UPN><Surname>{surname}</Surname><Forename>{forename}</Forename>"
        f"<DOB>{dob}</DOB>{sex}"
    )


def pupil(*blocks: str, **core_values: str) -> str:
    return core(**core_values) + "".join(blocks)
