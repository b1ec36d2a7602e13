"""A school's sync settings as one frozen value, built once per run and read by pure code.

The Wonde mapping, the CTF importer and the plan all take a `SyncOptions`, so both sources obey the
same settings. Defaults are the product guide's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from pupilsync import census


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
