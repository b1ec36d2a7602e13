"""Identifiers minted the way Wonde and an MIS hand them out."""

from __future__ import annotations

import random


class IdMint:
    """Unique Wonde ids ("A" + 9-10 digits), UPIs (32 hex) and MIS ids for one school.

    It draws from its own `random.Random`, so a seeded school mints the same ids every time.
    """

    def __init__(self, rng: random.Random, *, first_mis_id: int = 1000) -> None:
        self._rng = rng
        self._used: set[str] = set()
        self._next_mis_id = first_mis_id

    def wonde_id(self) -> str:
        while True:
            digits = self._rng.randint(100_000_000, 9_999_999_999)
            candidate = f"A{digits}"
            if candidate not in self._used:
                self._used.add(candidate)
                return candidate

    def upi(self) -> str:
        return f"{self._rng.getrandbits(128):032x}"

    def mis_id(self) -> str:
        # MIS ids grow as records are added, with gaps where records were discarded.
        self._next_mis_id += self._rng.randint(1, 4)
        return str(self._next_mis_id)

    def reserve(self, wonde_id: str) -> None:
        """Mark an id minted elsewhere (a hand-built record) as taken."""
        self._used.add(wonde_id)
