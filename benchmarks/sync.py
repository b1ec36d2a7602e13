"""Benchmark: sync an 8-form secondary (~1,200 pupils, every include) from the in-process fake.

    .venv/bin/python -m benchmarks.sync [--forms 8] [--seed 1]

Prints wall time, HTTP requests, SQL statements and peak memory for a full sync, a no-change
resync and a resync after one simulated school day, then checks them against the targets.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile


def main() -> int:
    args = _args()
    tmp = tempfile.mkdtemp(prefix="pupilsync-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ["PUPILSYNC_VAR_DIR"] = tmp
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pupilsync.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from benchmarks.scenario import run

    return run(forms=args.forms, seed=args.seed)


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--forms", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main())
