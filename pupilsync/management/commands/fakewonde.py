from __future__ import annotations

import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the fake Wonde API: --port 8765 --seed 1 --phase --forms --schools --latency."

    def run_from_argv(self, argv: list[str]) -> None:
        # fakewonde knows no Django: hand it the arguments as they are.
        from fakewonde.__main__ import main

        sys.exit(main(argv[2:]))
