from pupilsync.models.assessment import Assessment
from pupilsync.models.ctf import CtfImport
from pupilsync.models.pupil import Pupil, PupilPhoto, PupilYear
from pupilsync.models.run import SyncIssue, SyncRun
from pupilsync.models.school import School
from pupilsync.models.staff import Staff, admin_emails

__all__ = [
    "Assessment",
    "CtfImport",
    "Pupil",
    "PupilPhoto",
    "PupilYear",
    "School",
    "Staff",
    "SyncIssue",
    "SyncRun",
    "admin_emails",
]
