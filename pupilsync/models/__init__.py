from pupilsync.models.assessment import Assessment
from pupilsync.models.audit import AuditEvent
from pupilsync.models.history import PupilChange
from pupilsync.models.pupil import Pupil, PupilPhoto, PupilYear
from pupilsync.models.run import SyncIssue, SyncRun
from pupilsync.models.school import School
from pupilsync.models.staff import Staff, admin_emails
from pupilsync.models.sync_settings import SenCode, SyncSettings

__all__ = [
    "Assessment",
    "AuditEvent",
    "Pupil",
    "PupilChange",
    "PupilPhoto",
    "PupilYear",
    "School",
    "SenCode",
    "Staff",
    "SyncIssue",
    "SyncRun",
    "SyncSettings",
    "admin_emails",
]
