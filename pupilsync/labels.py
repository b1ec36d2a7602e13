"""Display words: what the codes the MIS sends and the synced fields are called, as a school
reads them: for the pages and their template tags, outside `web` so the tags need not import it."""

from __future__ import annotations

from pupilsync.census import PROVISIONS

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


# DfE school census ethnicity codes (main and commonly used extended ones).
ETHNICITIES = {
    "WBRI": "White - British",
    "WIRI": "White - Irish",
    "WIRT": "Traveller of Irish heritage",
    "WROM": "Gypsy / Roma",
    "WOTH": "Any other White background",
    "MWBC": "White and Black Caribbean",
    "MWBA": "White and Black African",
    "MWAS": "White and Asian",
    "MOTH": "Any other mixed background",
    "AIND": "Indian",
    "APKN": "Pakistani",
    "ABAN": "Bangladeshi",
    "AOTH": "Any other Asian background",
    "BCRB": "Black Caribbean",
    "BAFR": "Black - African",
    "BOTH": "Any other Black background",
    "CHNE": "Chinese",
    "OOTH": "Any other ethnic group",
    "REFU": "Refused",
    "NOBT": "Information not yet obtained",
}

# DfE first-language codes: the common ones; any other is shown as its code.
LANGUAGES = {
    "ENG": "English",
    "ENB": "Believed to be English",
    "OTH": "Other than English",
    "OTB": "Believed to be other than English",
    "REF": "Refused",
    "NOT": "Information not obtained",
    "ARA": "Arabic",
    "BNG": "Bengali",
    "CHI": "Chinese",
    "CAN": "Cantonese",
    "MAN": "Mandarin",
    "FRN": "French",
    "GER": "German",
    "GUJ": "Gujarati",
    "HIN": "Hindi",
    "ITA": "Italian",
    "LIT": "Lithuanian",
    "PNJ": "Panjabi",
    "POL": "Polish",
    "POR": "Portuguese",
    "ROM": "Romanian",
    "RUS": "Russian",
    "SOM": "Somali",
    "SPA": "Spanish",
    "TAM": "Tamil",
    "TUR": "Turkish",
    "URD": "Urdu",
    "WEL": "Welsh",
}

# Synced fields by the names the product guide and the pupil page use.
FIELDS = {
    "upi": "Wonde's pupil id (upi)",
    "wonde_id": "Wonde id",
    "mis_id": "MIS id",
    "upn": "UPN",
    "former_upn": "Former UPN",
    "forename": "Preferred forename",
    "middle_names": "Middle names",
    "surname": "Preferred surname",
    "legal_forename": "Legal forename",
    "legal_surname": "Legal surname",
    "date_of_birth": "Date of birth",
    "gender": "Sex",
    "admission_date": "Admission date",
    "leaving_date": "Leaving date",
    "ethnicity": "Ethnicity",
    "first_language": "First language",
    "eal": "EAL",
    "fsm": "FSM",
    "fsm_ever6": "FSM Ever 6",
    "in_care": "In care",
    "contacts": "Contacts",
    "year_group": "Year group",
    "registration_group": "Registration group",
    "classes": "Classes",
    "pupil_premium": "Pupil premium",
    "sen_provision": "SEN provision",
    "sen_needs": "SEN needs",
    "on_roll": "On roll",
}


def coded(names: dict[str, str], code: str | None) -> str:
    """A code's name with the code beside it: "White - British (WBRI)"."""
    if not code:
        return "Not recorded"
    name = names.get(code.upper())
    return f"{name} ({code})" if name else code


def ethnicity(code: str | None) -> str:
    return coded(ETHNICITIES, code)


def language(code: str | None) -> str:
    return coded(LANGUAGES, code)


def field_name(key: str) -> str:
    return FIELDS.get(key, key.replace("_", " ").capitalize())


def field_value(key: str, value: object) -> str | list[str]:
    """A synced value as a person reads it; a list (contacts, needs, classes) as lines."""
    if value is None or value == "" or value == []:
        return "\u2013"  # an en dash, as the other pages show an empty value
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if key == "ethnicity":
        return ethnicity(str(value))
    if key == "first_language":
        return language(str(value))
    if key == "sen_provision":
        return sen_provision(str(value))
    if key == "sen_needs" and isinstance(value, list):
        return [_need(n) for n in value]
    if key == "contacts" and isinstance(value, list):
        return [_contact(c) for c in value]
    if isinstance(value, list):
        return [str(v.get("name", v)) if isinstance(v, dict) else str(v) for v in value]
    return str(value)


def _need(need: object) -> str:
    if not isinstance(need, dict):
        return str(need)
    code = str(need.get("type") or "")
    rank = need.get("rank")
    return (f"{rank}. " if rank else "") + coded(SEN_NEEDS, code)


def _contact(contact: object) -> str:
    if not isinstance(contact, dict):
        return str(contact)
    about = [
        str(contact["relationship"]) if contact.get("relationship") else "",
        f"priority {contact['priority']}" if contact.get("priority") else "",
        str(contact["email"]) if contact.get("email") else "no email",
        "parental responsibility" if contact.get("parental_responsibility") else "",
    ]
    details = ", ".join(part for part in about if part)
    return f"{contact.get('name') or 'Unnamed contact'} ({details})"


# What school staff can do about an issue, by its code: the sync and the CTF importer say what
# happened; the pages, the CSV and the CLI add these words (pages and buttons, never commands).
ISSUE_ADVICE = {
    "unknown_sen_code": "Map it to N, K or E under MIS Sync > Sync Settings > Custom SEND codes; "
    "the next sync then re-reads every pupil and applies it.",
    "erased_pupil": "If they should be synced again, clear the erasure on Account > Admin > "
    "Data Protection.",
}


def issue_text(code: str, message: str) -> str:
    """An issue's message with what to do about it, as staff read it."""
    advice = ISSUE_ADVICE.get(code)
    return f"{message} {advice}" if advice else message
