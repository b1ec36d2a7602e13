from pupilsync.models.api import ApiKey, FeedCounter, FeedEntry, Webhook, WebhookDelivery
from pupilsync.models.assessment import Assessment
from pupilsync.models.audit import AuditEvent
from pupilsync.models.connection import AccessRequest, ConnectionEvent
from pupilsync.models.ctf import CtfImport
from pupilsync.models.history import PupilChange
from pupilsync.models.privacy import Erasure, PupilAccess, RetentionSettings, SchoolDeletion
from pupilsync.models.pupil import Pupil, PupilPhoto, PupilYear
from pupilsync.models.queue import SyncSlot
from pupilsync.models.run import SyncIssue, SyncRun
from pupilsync.models.school import School
from pupilsync.models.staff import Staff, admin_emails
from pupilsync.models.sync_settings import SenCode, SyncSettings
from pupilsync.models.termdates import TermDates

__all__ = [
    "AccessRequest",
    "ApiKey",
    "Assessment",
    "AuditEvent",
    "ConnectionEvent",
    "CtfImport",
    "Erasure",
    "FeedCounter",
    "FeedEntry",
    "Pupil",
    "PupilAccess",
    "PupilChange",
    "PupilPhoto",
    "PupilYear",
    "RetentionSettings",
    "School",
    "SchoolDeletion",
    "SenCode",
    "Staff",
    "SyncIssue",
    "SyncRun",
    "SyncSettings",
    "SyncSlot",
    "TermDates",
    "Webhook",
    "WebhookDelivery",
    "admin_emails",
]
