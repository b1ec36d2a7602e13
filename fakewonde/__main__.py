"""python -m fakewonde --port 8765 --seed 1 [--phase secondary] [--forms N] [--schools N]
[--unconnected N] [--latency 0.03]: serve a fake Wonde with approved demo schools (and N more
that have not asked for access, to show the connection flow).

python -m fakewonde approve|decline|revoke|migrate SCHOOL_ID [--url http://127.0.0.1:8765]:
change a school in a running fake, as the school would in its Wonde portal."""

from __future__ import annotations

import argparse
import contextlib
import sys

import httpx

from fakewonde.generate import generate_school
from fakewonde.server import serve
from fakewonde.world import demo_world

ACTIONS = ("approve", "decline", "revoke", "migrate")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ACTIONS:
        return _admin(argv)
    args = _parser().parse_args(argv)
    world = demo_world(seed=args.seed, phase=args.phase, forms=args.forms, schools=args.schools)
    for extra in range(args.unconnected):
        school = generate_school(
            seed=args.seed * 7919 + extra, phase=args.phase, forms=args.forms, clock=world.clock
        )
        school.state = "not_requested"
        world.add_school(school)
    world.latency = args.latency
    print(f"fake Wonde on http://{args.host}:{args.port}/v1.0", flush=True)
    # The token is never printed, as no token is ever logged: it is fakewonde.DEMO_TOKEN.
    print("token: the demo token (fakewonde.DEMO_TOKEN)", flush=True)
    for school in world.schools.values():
        print(
            f"  {school.id}  {school.name}  ({len(school.students)} pupils, {school.state})",
            flush=True,
        )
    with contextlib.suppress(KeyboardInterrupt):
        serve(world, args.host, args.port)
    return 0


def _admin(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m fakewonde ACTION", description=__doc__)
    parser.add_argument("action", choices=ACTIONS)
    parser.add_argument("school")
    parser.add_argument("--url", default="http://127.0.0.1:8765", help="the running fake")
    args = parser.parse_args(argv)
    url = f"{args.url.rstrip('/')}/_fake/schools/{args.school}/{args.action}"
    try:
        response = httpx.post(url, timeout=10)
    except httpx.HTTPError as error:
        print(f"could not reach the fake Wonde at {args.url}: {error}", file=sys.stderr)
        return 1
    print(response.text)
    return 0 if response.is_success else 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m fakewonde", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--phase", choices=("primary", "secondary"), default="secondary")
    parser.add_argument("--forms", type=int, default=None, help="forms per year group")
    parser.add_argument("--schools", type=int, default=1, help="approved schools to serve")
    parser.add_argument(
        "--unconnected", type=int, default=0, help="schools that have not requested access"
    )
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added per request")
    return parser


if __name__ == "__main__":
    sys.exit(main())
