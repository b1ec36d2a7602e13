"""`make reliability`: the fault matrix and the crash loop, as one table.

    .venv/bin/python -m benchmarks.reliability [--rounds 30] [--forms 2]

Exit status 0 only if every scenario ended as expected and nothing was lost.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def main() -> int:
    args = _args()
    tmp = Path(tempfile.mkdtemp(prefix="pupilsync-reliability-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/matrix.sqlite3"
    os.environ["PUPILSYNC_VAR_DIR"] = str(tmp)
    os.environ["LOG_LEVEL"] = "CRITICAL"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pupilsync.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from benchmarks.reliability.crash import PHASES, crash_loop
    from benchmarks.reliability.faults import run_matrix

    call_command("migrate", verbosity=0)
    rows: list[tuple[str, int, str, int, int, bool]] = []
    for outcome in run_matrix(forms=args.forms):
        shown = outcome.outcome if outcome.ok else f"{outcome.outcome} ({outcome.detail})"
        lost = (outcome.pupils_lost, outcome.assessments_lost)
        rows.append((outcome.scenario, outcome.runs, shown, *lost, outcome.ok))
    (tmp / "crash").mkdir()
    os.environ.pop("DATABASE_URL")
    loop = crash_loop(tmp / "crash", rounds=args.rounds, forms=args.forms)
    for phase in PHASES:
        rounds = loop.by_phase(phase)
        killed = sum(r.killed for r in rounds)
        states = sorted({r.state for r in rounds})
        good = all(r.state != "other" and r.converged for r in rounds)
        converged = sum(r.converged for r in rounds)
        outcome = f"{killed} killed mid-run; db as {' or '.join(states)}; {converged} converged"
        rows.append(
            (
                f"SIGKILL while {phase}",
                len(rounds),
                outcome,
                sum(r.pupils_lost for r in rounds),
                sum(r.assessments_lost for r in rounds),
                good and not any(r.pupils_lost or r.assessments_lost for r in rounds),
            )
        )
    _print(rows)
    return 0 if all(row[-1] for row in rows) else 1


def _print(rows: list[tuple[str, int, str, int, int, bool]]) -> None:
    header = ("scenario", "runs", "outcome", "pupils lost", "assessments lost", "")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(5)]
    print("  ".join(str(h).ljust(w) for h, w in zip(header, widths, strict=False)))
    for row in rows:
        cells = [str(c).ljust(w) for c, w in zip(row[:5], widths, strict=True)]
        print("  ".join(cells) + ("  PASS" if row[5] else "  FAIL"))


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=30, help="crash-loop rounds (>= 20)")
    parser.add_argument("--forms", type=int, default=2, help="forms per year of the test school")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main())
