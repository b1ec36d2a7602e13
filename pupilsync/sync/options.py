"""A school's sync settings as one frozen value, built once per run and read by pure code.

The Wonde mapping, the CTF importer and the plan all take a `SyncOptions`, so both sources obey the
same settings; `options_for` reads a school's. Defaults are the product guide's. Changing the
settings (the pages, the CLI, the audit) is `pupilsync.school_settings`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from pupilsync import census
from pupilsync.models import School, SenCode, SyncSettings


@dataclass(frozen=True)
class SyncOptions:
    add_unexplained_to_unauthorised: bool = True
    sync_sen_types: bool = True
    sync_sen_provision: bool = True
    null_means_no_sen: bool = False
    sync_contacts: bool = True
    sync_photos: bool = True
    # The circuit breaker's thresholds, in percent of the roll (0: never hold).
    hold_archive_percent: int = 10
    hold_change_percent: int = 10
    # A school's own MIS codes for SEN provision, upper case: {"MP": "K"}.
    sen_codes: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def sen_provision(self, status: str | None) -> str | None:
        """The census provision for an MIS SEN value, or None if we do not know it.

        Standard codes and the MIS's texts need no mapping; a school's own code needs one.
        """
        if status is None:
            return None
        return census.sen_provision(status) or self.sen_codes.get(status.strip().upper())


DEFAULT_OPTIONS = SyncOptions()
# The options a SyncSettings row holds; the SEN codes are rows of their own.
SETTING_KEYS = tuple(f.name for f in dataclasses.fields(SyncOptions) if f.name != "sen_codes")


def options_for(school: School) -> SyncOptions:
    """The school's settings as one frozen value, read once at the start of a run."""
    row = SyncSettings.objects.filter(school=school).first() or SyncSettings(school=school)
    codes = dict(SenCode.objects.filter(school=school).values_list("code", "provision"))
    values = {key: getattr(row, key) for key in SETTING_KEYS}
    return SyncOptions(**values, sen_codes=MappingProxyType(codes))
