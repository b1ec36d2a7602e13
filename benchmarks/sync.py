"""Benchmark: sync an 8-form secondary (~1,200 pupils, every include) from the fake Wonde, served
over HTTP from its own process, beside the I/O limit of the same work.

    make bench
    .venv/bin/python -m benchmarks.sync [--database sqlite|postgres|both] [--forms 8] [--seed 1]
                                        [--repeat 3] [--latency 0]

Prints wall time, HTTP requests, SQL statements and rows for a full sync, a no-change resync, a
no-change full resync and a resync after one simulated school day, then the I/O limit (the same
responses fetched in turn and decoded with the standard library, plus one raw bulk write of the
rows the full sync wrote) and the ratio, and checks them against the targets. Each step and the
limit are the best of `--repeat` tries (each resync after one day a day on from the last; a
no-change resync that wrote a pupil row is the one shown). Each database runs in its own
process (Django is set up once per process); PostgreSQL gets a fresh database, dropped
afterwards. `--latency` adds that many seconds to every answer of the fake (Wonde is not on the
same machine): the limit, which asks one request after another, waits for each.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from benchmarks.database import fresh_database, postgres_database


def main() -> int:
    args = _args()
    if args.database == "both":
        return max(_in_own_process(database, sys.argv[1:]) for database in ("sqlite", "postgres"))
    if args.database == "postgres":
        with postgres_database("pupilsync_bench") as url:
            return _run(args, url)
    return _run(args, None)


def _run(args: argparse.Namespace, database_url: str | None) -> int:
    fresh_database("pupilsync-bench-", database_url)
    from benchmarks.scenario import run

    return run(forms=args.forms, seed=args.seed, repeat=args.repeat, latency=args.latency)


def _in_own_process(database: str, argv: list[str]) -> int:
    kept = [a for a in argv if not a.startswith("--database")]
    command = [sys.executable, "-m", "benchmarks.sync", "--database", database, *kept]
    code = subprocess.run(command, check=False).returncode
    print()
    return code


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--forms", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds per request")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main())
