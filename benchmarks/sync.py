"""Benchmark: sync an 8-form secondary (~1,200 pupils, every include) from the in-process fake.

    .venv/bin/python -m benchmarks.sync [--forms 8] [--seed 1]

Prints wall time, HTTP requests, SQL statements and peak memory for a full sync, a no-change
resync and a resync after one simulated school day, then checks them against the targets.
"""

from __future__ import annotations

import argparse
import sys

from benchmarks.database import fresh_database


def main() -> int:
    args = _args()
    fresh_database("pupilsync-bench-")
    from benchmarks.scenario import run

    return run(forms=args.forms, seed=args.seed)


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--forms", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main())
