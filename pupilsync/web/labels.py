"""Names for the codes the MIS sends, as a school reads them."""

from __future__ import annotations

from pupilsync.sync.rules import PROVISIONS

# DfE school census SEN type codes.
SEN_NEEDS = {
    "SPLD": "Specific learning difficulty",
    "MLD": "Moderate learning difficulty",
    "SLD": "Severe learning difficulty",
    "PMLD": "Profound and multiple learning difficulty",
    "SEMH": "Social, emotional and mental health",
    "SLCN": "Speech, language and communication needs",
    "HI": "Hearing impairment",
    "VI": "Visual impairment",
    "MSI": "Multi-sensory impairment",
    "PD": "Physical disability",
    "ASD": "Autistic spectrum disorder",
    "OTH": "Other difficulty or disability",
    "NSA": "SEN support, no specialist assessment yet",
}


def sen_provision(code: str | None) -> str:
    if not code:
        return "Not recorded"
    return PROVISIONS.get(code, code)


def sen_need(code: str) -> str:
    return SEN_NEEDS.get(code.upper(), code)


def yes_no(value: bool | None) -> str:
    return "Not recorded" if value is None else ("Yes" if value else "No")
