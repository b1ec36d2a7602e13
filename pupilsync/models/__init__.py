from pupilsync.models.assessment import Assessment
from pupilsync.models.connection import AccessRequest, ConnectionEvent
from pupilsync.models.pupil import Pupil, PupilPhoto, PupilYear
from pupilsync.models.queue import SyncSlot
from pupilsync.models.run import SyncIssue, SyncRun
from pupilsync.models.school import School
from pupilsync.models.staff import Staff, admin_emails
from pupilsync.models.termdates import TermDates

__all__ = [
    "AccessRequest",
    "Assessment",
    "ConnectionEvent",
    "Pupil",
    "PupilPhoto",
    "PupilYear",
    "School",
    "Staff",
    "SyncIssue",
    "SyncRun",
    "SyncSlot",
    "TermDates",
    "admin_emails",
]
