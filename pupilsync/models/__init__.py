from pupilsync.models.assessment import Assessment
from pupilsync.models.pupil import Pupil, PupilPhoto, PupilYear
from pupilsync.models.run import SyncIssue, SyncRun
from pupilsync.models.school import School

__all__ = ["Assessment", "Pupil", "PupilPhoto", "PupilYear", "School", "SyncIssue", "SyncRun"]
