"""Local authority codes a UPN may start with. An unknown one is only ever a warning.

English LAs since April 1998 (with 940-943 for the Northamptonshire and Cumbria splits of
2021-23), Welsh LAs (660-681) and the offshore and overseas pseudo-LAs (701-708). LA codes
change; the list can lag, which is why it never refuses a UPN.
"""

from __future__ import annotations


def _span(first: int, last: int) -> set[str]:
    return {f"{code:03d}" for code in range(first, last + 1)}


KNOWN = frozenset(
    _span(201, 213)
    | _span(301, 320)
    | _span(330, 336)
    | _span(340, 344)
    | _span(350, 359)
    | _span(370, 373)
    | _span(380, 384)
    | _span(390, 394)
    | {"420"}
    | _span(660, 681)
    | _span(701, 708)
    | _span(800, 803)
    | _span(805, 808)
    | _span(810, 813)
    | {"815", "816"}
    | _span(821, 826)
    | {"830", "831"}
    | _span(835, 841)
    | {"845", "846"}
    | _span(850, 852)
    | _span(855, 857)
    | {"860", "861"}
    | _span(865, 896)
    | {"908", "909", "916", "919", "921", "925", "926", "928", "929", "931", "933"}
    | _span(935, 943)
)


def is_known(code: str) -> bool:
    return code in KNOWN
