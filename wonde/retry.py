"""How long to wait before asking Wonde again."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded retries with full-jitter exponential backoff.

    `attempts` counts every try, the first included. A server's Retry-After is honoured up to
    `max_wait` seconds, so one rate-limited school cannot stall a worker for long.
    """

    attempts: int = 5
    base: float = 0.5
    max_wait: float = 30.0
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    rng: random.Random = field(default_factory=random.Random, repr=False, compare=False)

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait after failed try number `attempt` (1-based)."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_wait)
        ceiling = min(self.base * 2 ** (attempt - 1), self.max_wait)
        return self.rng.uniform(ceiling / 2, ceiling)


NO_RETRY = RetryPolicy(attempts=1)
