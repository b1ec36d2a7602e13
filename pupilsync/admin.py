"""The Django admin: a plain read-mostly view of schools, pupils and sync runs.

Synced fields are read-only here: the MIS is the source of truth and a sync would overwrite them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from pupilsync.models import Assessment, Pupil, PupilYear, School, SyncIssue, SyncRun
from pupilsync.sync.records import PUPIL_FIELDS, YEAR_FIELDS


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PupilYearInline(ReadOnlyInline):
    model = PupilYear
    readonly_fields = ("academic_year", "on_roll", *YEAR_FIELDS)
    fields = readonly_fields


class AssessmentInline(admin.TabularInline):
    model = Assessment
    extra = 0
    fields = ("subject", "name", "result", "assessed_on", "source")


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ("name", "wonde_id", "urn", "connection")
    search_fields = ("name", "wonde_id", "urn")


@admin.register(Pupil)
class PupilAdmin(admin.ModelAdmin):
    list_display = ("surname", "forename", "upn", "date_of_birth", "on_roll", "school")
    list_filter = ("school", "on_roll", "fsm", "eal")
    search_fields = ("surname", "forename", "upn", "upi")
    readonly_fields = (*PUPIL_FIELDS, "on_roll", "synced_at")
    fields = ("school", *readonly_fields)
    inlines = [PupilYearInline, AssessmentInline]


class SyncIssueInline(ReadOnlyInline):
    model = SyncIssue
    fields = ("severity", "code", "pupil_ref", "message")
    readonly_fields = fields


@admin.register(SyncRun)
class SyncRunAdmin(admin.ModelAdmin):
    list_display = (
        "school",
        "started_at",
        "trigger",
        "full",
        "status",
        "created",
        "updated",
        "unchanged",
        "archived",
        "restored",
        "http_requests",
    )
    list_filter = ("school", "status", "trigger")
    inlines = [SyncIssueInline]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ("pupil", "subject", "name", "result", "assessed_on", "source")
    list_filter = ("subject", "source")
