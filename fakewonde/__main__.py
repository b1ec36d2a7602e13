"""python -m fakewonde --port 8765 --seed 1 [--phase secondary] [--forms N] [--schools N]
[--latency 0.03]: serve a fake Wonde with approved demo schools."""

from __future__ import annotations

import argparse
import contextlib
import sys

from fakewonde.server import serve
from fakewonde.world import DEMO_TOKEN, demo_world


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    world = demo_world(seed=args.seed, phase=args.phase, forms=args.forms, schools=args.schools)
    world.latency = args.latency
    print(f"fake Wonde on http://{args.host}:{args.port}/v1.0", flush=True)
    print(f"token {DEMO_TOKEN}", flush=True)
    for school in world.schools.values():
        print(f"  {school.id}  {school.name}  ({len(school.students)} pupils)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        serve(world, args.host, args.port)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m fakewonde", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--phase", choices=("primary", "secondary"), default="secondary")
    parser.add_argument("--forms", type=int, default=None, help="forms per year group")
    parser.add_argument("--schools", type=int, default=1, help="approved schools to serve")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added per request")
    return parser


if __name__ == "__main__":
    sys.exit(main())
