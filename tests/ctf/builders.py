"""A small CTF writer for tests, so a test says only the elements that matter to it."""

from __future__ import annotations

HEADER = (
    "<Header><DocumentName>Common Transfer File</DocumentName><CTFversion>{version}</CTFversion>"
    "<DateTime>2025-07-01T10:00:00</DateTime><DocumentQualifier>{qualifier}</DocumentQualifier>"
    "<SourceSchool><LEA>873</LEA><Estab>9001</Estab><SchoolName>Testing School</SchoolName>"
    "</SourceSchool></Header>"
)


def ctf(*pupils: str, version: str = "24.0", qualifier: str = "partial") -> bytes:
    body = "".join(f"<Pupil>{p}</Pupil>" for p in pupils)
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>\n<CTfile>'
        + HEADER.format(version=version, qualifier=qualifier)
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
