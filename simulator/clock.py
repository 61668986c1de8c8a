"""The portal's clock: wall time plus an offset that tests can move forward."""

from __future__ import annotations

import time

from simulator.storage import Database


class Clock:
    """Reads the shared offset from the database so every worker sees the same time."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def now(self) -> float:
        """Current portal time, in seconds since the epoch."""
        return time.time() + self._db.clock_offset()

    def advance(self, seconds: float) -> float:
        """Move the clock forward (test hook); return the total offset."""
        return self._db.advance_clock(seconds)

    def offset(self) -> float:
        """How far the clock has been moved forward."""
        return self._db.clock_offset()
