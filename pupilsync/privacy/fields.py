"""Every personal field we store: what it is, the feature that needs it, where it comes from
and how long it is kept. docs/data-protection.md is generated from this table
(`python -m pupilsync.privacy.fields --write`), and a test fails when a model gains a field that
is neither here nor in NOT_PERSONAL. Pure data: no Django import.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

# How long a field is kept. The retention rules are applied by pupilsync.privacy.retention.
RECORD = (
    "On roll, and as a leaver to the end of the academic year after leaving plus the "
    "school's extra years (0-6); then anonymised"
)
TO_MONTH = f"{RECORD} to year and month"
ON_LEAVING = "Deleted when the pupil leaves (a school setting, on by default); else as the record"
CONTEXT = "Kept with the anonymised record, so the school's historical figures still add up"
HISTORY = "As the record: deleted when the pupil is anonymised or erased"
ACCESS_LOG = "ACCESS_LOG_DAYS (default 365 days)"
STAFF = "While the school uses pupilsync"
ERASURE = "Until the school clears the erasure"

PUPILS = "pupils"  # the permission features of pupilsync.sync.permissions.FEATURES, by key


@dataclass(frozen=True)
class HeldField:
    model: str
    field: str
    what: str
    feature: str
    wonde: str  # the Wonde permission it is read under ("" if not from Wonde)
    ctf: str  # the CTF element it is read from ("" if not from a CTF)
    retention: str

    @property
    def name(self) -> str:
        return f"{self.model}.{self.field}"


def _pupil(field: str, what: str, feature: str, wonde: str, ctf: str, kept: str) -> HeldField:
    return HeldField("Pupil", field, what, feature, wonde, ctf, kept)


def _year(field: str, what: str, feature: str, wonde: str, ctf: str) -> HeldField:
    return HeldField("PupilYear", field, what, feature, wonde, ctf, CONTEXT)


STUDENTS = "students.read"
EDUCATION = "students.education_details.read"
EXTENDED = "students.extended_details.read"
SEN = "students.extended_details.read, students.sen.read"
ATTENDANCE = "attendance.summaries.read"
CONTACTS = "contacts.read, contacts.contact_details.read"
BASIC = "Pupil/BasicDetails"

# fmt: off
FIELDS: tuple[HeldField, ...] = (
    _pupil("upi", "Wonde's unique pupil id: the match key", PUPILS, STUDENTS, "", RECORD),
    _pupil("wonde_id", "Wonde's record id", PUPILS, STUDENTS, "", RECORD),
    _pupil("mis_id", "The MIS's record id", PUPILS, STUDENTS, "", RECORD),
    _pupil("upn", "Unique Pupil Number", PUPILS, EDUCATION, "Pupil/UPN", RECORD),
    _pupil("former_upn", "A former UPN", PUPILS, EDUCATION, "Pupil/FormerUPN", RECORD),
    _pupil("forename", "Preferred forename", PUPILS, STUDENTS, f"{BASIC}/PreferredForename",
           RECORD),
    _pupil("middle_names", "Middle names", PUPILS, STUDENTS, f"{BASIC}/MiddleNames", RECORD),
    _pupil("surname", "Preferred surname", PUPILS, STUDENTS, f"{BASIC}/PreferredSurname",
           RECORD),
    _pupil("legal_forename", "Legal forename", PUPILS, STUDENTS, f"{BASIC}/Forename", RECORD),
    _pupil("legal_surname", "Legal surname", PUPILS, STUDENTS, f"{BASIC}/Surname", RECORD),
    _pupil("date_of_birth", "Date of birth", PUPILS, STUDENTS, f"{BASIC}/DOB", TO_MONTH),
    _pupil("gender", "Sex or gender", PUPILS, STUDENTS, f"{BASIC}/Sex", CONTEXT),
    _pupil("admission_date", "Date of admission", PUPILS, EDUCATION, "", TO_MONTH),
    _pupil("leaving_date", "Date of leaving", PUPILS, EDUCATION, "", TO_MONTH),
    _pupil("on_roll", "Whether on the school's roll now", PUPILS, STUDENTS, "", CONTEXT),
    _pupil("ethnicity", "Ethnicity code (special category)", "extended", EXTENDED,
           f"{BASIC}/Ethnicity", CONTEXT),
    _pupil("first_language", "First language code", "extended", EXTENDED,
           "Pupil/Languages/Type", CONTEXT),
    _pupil("eal", "English as an additional language", "extended", EXTENDED,
           "Pupil/Languages/Type", CONTEXT),
    _pupil("fsm", "Eligible for free school meals", "extended", EXTENDED,
           "Pupil/FSMhistory", CONTEXT),
    _pupil("fsm_ever6", "FSM in the last six years", "extended", EXTENDED,
           "Pupil/FSMhistory", CONTEXT),
    _pupil("in_care", "Looked after (in care)", "extended", EXTENDED, "Pupil/InCare", CONTEXT),
    _pupil("contacts", "Contacts: name, relationship, email, priority, parental responsibility",
           "contacts", CONTACTS, "Pupil/Contacts", ON_LEAVING),
    _year("on_roll", "On roll in that academic year", PUPILS, STUDENTS, ""),
    _year("year_group", "Year group", PUPILS, EDUCATION, "Pupil/BasicDetails/NCyearActual"),
    _year("registration_group", "Registration group", "groups", "groups.read", ""),
    _year("classes", "Class names", "classes", "classes.read", ""),
    _year("pupil_premium", "Pupil premium", "extended", EXTENDED, ""),
    _year("sen_provision", "SEN provision (N, K, E; special category)", "sen", SEN,
          "Pupil/SENhistory/SEN/SENprovision"),
    _year("sen_needs", "SEN needs, ranked (special category)", "sen", SEN,
          "Pupil/SENhistory/SEN/SENneeds"),
    _year("att_possible", "Attendance: possible sessions", "attendance", ATTENDANCE,
          "Pupil/Attendance"),
    _year("att_present", "Attendance: sessions present", "attendance", ATTENDANCE,
          "Pupil/Attendance"),
    _year("att_authorised", "Attendance: authorised absences", "attendance", ATTENDANCE,
          "Pupil/Attendance"),
    _year("att_unauthorised", "Attendance: unauthorised absences", "attendance", ATTENDANCE,
          "Pupil/Attendance"),
    _year("att_unexplained", "Attendance: unexplained (code N) absences", "attendance",
          ATTENDANCE, "Pupil/Attendance"),
    HeldField("PupilPhoto", "image", "A photo, re-encoded as a small JPEG", "photos",
              "photos.read", "", ON_LEAVING),
    HeldField("Assessment", "subject", "Assessment subject", "assessments", "",
              "Pupil/StageAssessments", CONTEXT),
    HeldField("Assessment", "name", "Assessment name", "assessments", "",
              "Pupil/StageAssessments", CONTEXT),
    HeldField("Assessment", "result", "Assessment result", "assessments", "",
              "Pupil/StageAssessments", CONTEXT),
    HeldField("Assessment", "assessed_on", "Date assessed", "assessments", "",
              "Pupil/StageAssessments", CONTEXT),
    HeldField("Assessment", "stage", "Assessment stage code (EYF, KS1, KS2)", "assessments",
              "", "Pupil/StageAssessments/KeyStage/Stage", CONTEXT),
    HeldField("Assessment", "subject_code", "Assessment subject code", "assessments", "",
              "Pupil/StageAssessments/.../Subject", CONTEXT),
    HeldField("Assessment", "method", "Assessment method code (test, teacher assessment)",
              "assessments", "", "Pupil/StageAssessments/.../Method", CONTEXT),
    HeldField("Assessment", "component", "Assessment component code", "assessments", "",
              "Pupil/StageAssessments/.../Component", CONTEXT),
    HeldField("Assessment", "qualifier", "What the result is (NC level, scaled score...)",
              "assessments", "", "Pupil/StageAssessments/.../ResultQualifier", CONTEXT),
    HeldField("Assessment", "assessment_year", "Year assessed", "assessments", "",
              "Pupil/StageAssessments/.../Year", CONTEXT),
    HeldField("PupilChange", "old", "A synced field's value before a change", "history",
              "as the field", "as the field", HISTORY),
    HeldField("PupilChange", "new", "A synced field's value after a change", "history",
              "as the field", "as the field", HISTORY),
    HeldField("SyncIssue", "pupil_ref", "The pupil a sync issue is about (name, UPN)", "issues",
              "as the field", "as the field", HISTORY),
    HeldField("SyncIssue", "message", "A sync issue's words, which may name the pupil", "issues",
              "as the field", "as the field", HISTORY),
    HeldField("SyncRun", "held", "A held sync's plan: the pupils it would change", "breaker",
              "as the field", "", "Until the held sync is approved or discarded"),
    HeldField("PupilAccess", "by", "Who opened a pupil's page, photo or export", "access_log",
              "", "", ACCESS_LOG),
    HeldField("PupilAccess", "user", "The account that opened it", "access_log", "", "",
              ACCESS_LOG),
    HeldField("PupilAccess", "pupil", "Whose page, photo or export was opened", "access_log",
              "", "", ACCESS_LOG),
    HeldField("Erasure", "keys", "Keyed hashes of an erased pupil's ids (not reversible)",
              "erasure", "", "", ERASURE),
    HeldField("Erasure", "by", "Who erased the pupil", "erasure", "", "", ERASURE),
    HeldField("AccessRequest", "first_name", "Staff contact for Wonde: first name",
              "connection", "", "", STAFF),
    HeldField("AccessRequest", "last_name", "Staff contact for Wonde: last name",
              "connection", "", "", STAFF),
    HeldField("AccessRequest", "email", "Staff contact for Wonde: email", "connection", "", "",
              STAFF),
    HeldField("AccessRequest", "phone", "Staff contact for Wonde: phone", "connection", "", "",
              STAFF),
    HeldField("AccessRequest", "notes", "Notes for Wonde about the request", "connection", "",
              "", STAFF),
    HeldField("AuditEvent", "by", "Who took an admin action", "audit", "", "", STAFF),
    HeldField("AuditEvent", "user", "The account that took it", "audit", "", "", STAFF),
    HeldField("AuditEvent", "detail", "What changed (pupil ids, never names)", "audit", "", "",
              STAFF),
    HeldField("Staff", "user", "A member of staff's account (email, name)", "sign_in", "", "",
              STAFF),
    HeldField("ApiKey", "created_by", "Who made an API key", "api", "", "", STAFF),
    HeldField("ApiKey", "revoked_by", "Who revoked it", "api", "", "", STAFF),
    HeldField("Webhook", "created_by", "Who added a webhook", "api", "", "", STAFF),
)
# fmt: on

# Every other field of every model, named so that a new field must be placed on one side.
NOT_PERSONAL: dict[str, frozenset[str]] = {
    model: frozenset(names.split())
    for model, names in {
        "Pupil": "id school created_at synced_at anonymised_at",
        "PupilYear": "id pupil school academic_year",
        "PupilPhoto": "pupil school wonde_hash width height updated_at",
        "Assessment": "id school pupil source created_at",
        "PupilChange": "id school pupil field academic_year source run source_name changed_at "
        "as_of",
        "SyncIssue": "id run school pupil code severity carried",
        "SyncRun": "id school trigger full status academic_year started_at finished_at created "
        "updated unchanged archived restored photos photos_checked http_requests error cursors "
        "worker permission_identities",
        "School": "id name wonde_id urn la_code establishment_number connection created_at "
        "wonde_domain",
        "Staff": "id school role",
        "AuditEvent": "id school action at",
        "AccessRequest": "id school wonde_state wonde_message requested_at",
        "ConnectionEvent": "id school old new source reason at",
        "CtfImport": "id school run file_name sha256 version qualifier supplier source pupils "
        "created updated flagged rejected assessments imported_at made_at academic_year",
        "SyncSettings": "school add_unexplained_to_unauthorised sync_sen_types "
        "sync_sen_provision null_means_no_sen sync_contacts sync_photos hold_archive_percent "
        "hold_change_percent updated_at reread_version reread_done_version reread_requested_at",
        "SenCode": "id school code provision",
        "TermDates": "id school academic_year autumn1 autumn2 spring1 spring2 summer1 summer2 "
        "summer_end updated_at",
        "SyncSlot": "school queued_at trigger full approve attempt last_night due_at",
        "RetentionSettings": "school extra_years delete_photo_on_leaving "
        "delete_contacts_on_leaving updated_at",
        "SchoolDeletion": "school left_at delete_on reason notified deleted_at",
        "Erasure": "id school pupil request erased_at cleared_at",
        "PupilAccess": "id school kind day first_at",
        # The host app's API: a key's hash and prefix, pupil ids and field names, addresses.
        "ApiKey": "id school name prefix digest created_at last_used_at revoked_at",
        "FeedCounter": "school last",
        "FeedEntry": "id school seq pupil_id kind fields at",
        "Webhook": "id school url secret active delivered_seq created_at",
        "WebhookDelivery": "id webhook school first_seq last_seq attempt status_code error "
        "delivered at retry_at",
    }.items()
}

FEATURE_LABELS = {
    "pupils": "Pupils",
    "extended": "FSM, pupil premium, EAL, ethnicity, in care",
    "sen": "SEN",
    "attendance": "Attendance summaries",
    "contacts": "Pupil contacts",
    "photos": "Pupil photos",
    "classes": "Classes",
    "groups": "Registration groups",
    "assessments": "Assessments (the app's own, and CTF results)",
    "history": "History of synced changes",
    "issues": "Sync issues",
    "breaker": "Circuit breaker (held syncs)",
    "access_log": "Who looked (access log)",
    "erasure": "Erasure requests",
    "connection": "Wonde connection request",
    "audit": "Audit log",
    "sign_in": "Signing in",
    "api": "The host app's API (keys, webhooks)",
}

START, END = "<!-- fields:start -->", "<!-- fields:end -->"
DOC = Path(__file__).resolve().parents[2] / "docs" / "data-protection.md"


def markdown() -> str:
    """The field table as Markdown, for docs/data-protection.md."""
    lines = [
        "| field | what | needed for | Wonde permission | CTF element | kept |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for f in FIELDS:
        cells = (f"`{f.name}`", f.what, FEATURE_LABELS[f.feature], f.wonde or "-", f.ctf or "-")
        lines.append("| " + " | ".join((*cells, f.retention)) + " |")
    return "\n".join(lines)


def with_table(doc: str) -> str:
    """The document with its generated section replaced by the current table."""
    head, rest = doc.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{markdown()}\n{END}{tail}"


if __name__ == "__main__":
    updated = with_table(DOC.read_text())
    if "--write" in sys.argv:
        DOC.write_text(updated)
    elif updated != DOC.read_text():
        sys.exit("docs/data-protection.md is out of date: run with --write")
