"""The sync settings admin: each setting's words, reading a change, saving it with its audit.

Used by Change School Settings and `pupilsync settings`; the engine reads the settings as
`sync.options.options_for(school)`, and the re-read a change may need is on `SyncSettings`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from pupilsync import audit, census
from pupilsync.census import PROVISIONS
from pupilsync.models import School, SenCode, SyncSettings
from pupilsync.sync.options import SyncOptions, options_for


@dataclass(frozen=True)
class Setting:
    key: str
    group: str
    label: str  # the product guide's wording
    help: str


SETTINGS = (
    Setting(
        "add_unexplained_to_unauthorised",
        "Attendance Summaries",
        "Add unexplained absence to unauthorised count",
        "Counts unexplained absences (code N, no reason yet provided) as unauthorised.",
    ),
    Setting(
        "sync_sen_types",
        "SEND",
        "Sync SEND types",
        "SEN needs (types, ranked) follow the MIS. Off: the sync leaves them as they are.",
    ),
    Setting(
        "sync_sen_provision",
        "SEND",
        "Sync SEND provision",
        "SEN provision (N, K or E) follows the MIS. Off: the sync leaves it as it is.",
    ),
    Setting(
        "null_means_no_sen",
        "SEND",
        "Interpret null/missing data as 'No SEN'",
        "Off: a missing or null SEN value in the MIS never overwrites ours. "
        "On: it sets 'No SEN' and clears the needs.",
    ),
    Setting(
        "sync_contacts",
        "Pupil Contacts",
        "Sync Pupil Contacts",
        "Synchronises contacts' email addresses. Off: synced contacts are removed.",
    ),
    Setting(
        "sync_photos",
        "Pupil Photos",
        "Sync pupil thumbnail photos",
        "Synchronises photos saved in the MIS, weekly. Off: synced photos are removed.",
    ),
    Setting(
        "hold_archive_percent",
        "Safety",
        "Hold a sync that would archive more than this % of the roll",
        "Protects against an MIS rollover gone wrong; an admin approves or discards it. "
        "0 turns it off.",
    ),
    Setting(
        "hold_change_percent",
        "Safety",
        "Hold a sync that would change SEN provision or year group for more than this %",
        "Protects against a half-extracted school; an admin approves or discards it. "
        "0 turns it off.",
    ),
)
PERCENTS = ("hold_archive_percent", "hold_change_percent")
# Settings that change how an unchanged MIS record reads: a delta sync would not re-read the
# pupils they concern, so after a change the next sync reads every pupil. (Attendance is
# worked out when shown and the breaker judges plans, so neither needs a re-read.)
REREAD_KEYS = frozenset(
    {"sync_sen_types", "sync_sen_provision", "null_means_no_sen", "sync_contacts", "sync_photos"}
)
KEYS = tuple(setting.key for setting in SETTINGS)
_CODE = re.compile(r"^[A-Z0-9][A-Z0-9 _/-]{0,19}$")
_TRUE = {"on", "true", "yes", "1"}
_FALSE = {"off", "false", "no", "0"}


class SettingsError(ValueError):
    """A setting, value or SEN code that cannot be saved; nothing was changed."""


def update(
    school: School,
    *,
    values: Mapping[str, str] | None = None,
    add_codes: Mapping[str, str] | None = None,
    remove_codes: Iterable[str] = (),
    by: str | None = None,
    user: Any = None,
) -> SyncOptions:
    """Change settings and custom SEN codes together; any bad input changes nothing.

    A change is kept in the audit log, with `user` (the web) or `by` (anything else).
    """
    flags = {key: _value(key, value) for key, value in (values or {}).items()}
    codes = {
        _code(code): _provision(code, provision) for code, provision in (add_codes or {}).items()
    }
    removing = [_code(code) for code in remove_codes]
    held = dict(SenCode.objects.filter(school=school).values_list("code", "provision"))
    unknown = [code for code in removing if code not in held and code not in codes]
    if unknown:
        raise SettingsError(f"no custom SEN code {', '.join(unknown)} to remove")
    current = options_for(school)
    flags = {key: value for key, value in flags.items() if getattr(current, key) != value}
    added = {code: p for code, p in codes.items() if code not in held}
    changed = {code: p for code, p in codes.items() if code in held and held[code] != p}
    with transaction.atomic():
        if flags or added or changed or removing:
            row, _ = SyncSettings.objects.get_or_create(school=school)
            for key, value in flags.items():
                setattr(row, key, value)
            if added or changed or removing or REREAD_KEYS & set(flags):
                row.ask_reread(timezone.now())
            row.save()
        SenCode.objects.filter(school=school, code__in=removing).delete()
        for code, provision in (added | changed).items():
            SenCode.objects.update_or_create(
                school=school, code=code, defaults={"provision": provision}
            )
        if flags or added or changed or removing:
            detail = {
                "settings": flags,
                "sen_codes_added": added,
                # The old meaning is kept, so the log says what a change replaced.
                "sen_codes_changed": {c: f"{held[c]} -> {p}" for c, p in changed.items()},
                "sen_codes_removed": [f"{c} (was {held[c]})" if c in held else c for c in removing],
            }
            audit.record(school, audit.SETTINGS_CHANGED, by=by, user=user, **detail)
    return options_for(school)


def describe(rules: SyncOptions) -> dict[str, Any]:
    """Every setting with its value and meaning, and the custom codes: for the CLI and pages."""
    return {
        "settings": [
            {
                "key": s.key,
                "group": s.group,
                "label": s.label,
                "value": getattr(rules, s.key),
                "help": s.help,
            }
            for s in SETTINGS
        ],
        "sen_codes": [
            {"code": code, "provision": provision, "meaning": PROVISIONS[provision]}
            for code, provision in sorted(rules.sen_codes.items())
        ],
    }


def _value(key: str, value: str) -> bool | int:
    if key not in KEYS:
        raise SettingsError(f"unknown setting {key!r}; the settings are: {', '.join(KEYS)}")
    text = str(value).strip().lower().removesuffix("%")
    if key in PERCENTS:
        if not text.isdigit() or int(text) > 100:
            raise SettingsError(f"{key} must be a whole percentage from 0 to 100, not {value!r}")
        return int(text)
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise SettingsError(f"{key} must be on or off, not {value!r}")


def _code(raw: str) -> str:
    code = str(raw).strip().upper()
    if not _CODE.match(code):
        raise SettingsError(
            f"{raw!r} is not a SEN code: use up to 20 letters or digits, such as MP"
        )
    return code


def _provision(code: str, provision: str) -> str:
    standard = census.sen_provision(code)
    if standard is not None:
        raise SettingsError(
            f"{code.strip().upper()} is a standard SEN code "
            f"({standard}: {PROVISIONS.get(standard, 'an older census code')}); "
            "only a school's own codes can be mapped"
        )
    value = str(provision).strip().upper()
    if value not in PROVISIONS:
        raise SettingsError(
            f"{code.strip().upper()} must map to N (No SEN), K (SEN support) or E (EHC plan), "
            f"not {provision!r}"
        )
    return value
