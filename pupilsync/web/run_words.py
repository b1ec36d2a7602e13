"""A sync run's counts as a sentence a person reads at a glance:
"1,188 pupils checked, none changed" rather than "New 0, Updated 0, Unchanged 0"."""

from __future__ import annotations

from django.utils import timezone

from pupilsync.models import SyncRun


def counted(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def changes(run: SyncRun) -> list[str]:
    parts = []
    if run.created:
        parts.append(f"{run.created:,} new")
    if run.updated:
        parts.append(f"{run.updated:,} updated")
    if run.archived:
        parts.append(f"{run.archived:,} left (archived)")
    if run.restored:
        parts.append(f"{run.restored:,} returned")
    return parts


def checked(run: SyncRun) -> int:
    # A restored pupil is counted among the updated ones; an archived one was not in the roll.
    return run.created + run.updated + run.unchanged


def in_words(run: SyncRun, last_full: SyncRun | None = None) -> list[str]:
    """One or two sentences: what the run read and changed; a delta says when the full one was."""
    done = changes(run)
    changed = ", ".join(done) if done else "none changed"
    if run.trigger == SyncRun.Trigger.CTF:
        return [f"{counted(checked(run), 'pupil')} in the file: {changed}."]
    if run.full:
        lines = [f"Full sync: {counted(checked(run), 'pupil')} checked, {changed}."]
    elif checked(run) == 0 and not run.archived:
        lines = [
            "Delta sync: no pupil's MIS record had changed since the sync before, "
            "so nothing needed reading."
        ]
    else:
        read = counted(checked(run), "pupil")
        lines = [
            f"Delta sync: read the {read} whose MIS record changed since the sync "
            f"before: {changed}."
        ]
    if run.photos:
        lines.append(f"{counted(run.photos, 'photo')} updated.")
    if not run.full:
        if last_full is not None:
            when = timezone.localtime(last_full.started_at)
            lines.append(
                f"The last full sync, which reads every pupil, was on "
                f"{when:%A} {when.day} {when:%B %Y, %H:%M}."
            )
        else:
            lines.append("No full sync, which reads every pupil, has completed yet.")
    return lines
