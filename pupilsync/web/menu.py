"""The Account > Admin menu, laid out as the product guide names it.

A page joins the menu by adding one `Link` here (its url name); the layout renders the rest.
Pages that do not exist yet have no entry: the menu never links to nothing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    label: str
    url_name: str


@dataclass(frozen=True)
class Section:
    label: str
    links: tuple[Link, ...]


ADMIN_MENU: tuple[Section, ...] = (
    Section("Manage Pupils", (Link("Update Pupils", "update-pupils"),)),
    Section(
        "Import",
        (
            Link("MIS Sync", "mis-sync"),
            Link("Sync Settings", "sync-settings"),
            Link("Permissions", "sync-permissions"),
            Link("Audit log", "audit-log"),
        ),
    ),
    Section("Change School Settings", (Link("Term Dates", "term-dates"),)),
    Section("Data Protection", (Link("Data Protection", "data-protection"),)),
    Section("Host App", (Link("API Access", "api-access"),)),
)
