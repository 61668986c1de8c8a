"""The portal's clock: wall time plus an offset that tests can move forward."""

from __future__ import annotations

import fcntl
import mmap
import os
import struct
import time

from simulator.storage import Database

OFFSET = struct.Struct("<d")


class Clock:
    """Wall time plus the test offset, shared by every worker process of one database.

    The offset is a double in a small file beside the database (`<db>-horloge`), mapped
    in memory by each process: `now()` runs several times per request, and reading it
    is then a memory load rather than a SQLite query, while a move made through one
    worker's test hook is seen at once by the others.
    """

    def __init__(self, db: Database) -> None:
        path = db.path.with_name(db.path.name + "-horloge")
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        if os.fstat(self._fd).st_size < OFFSET.size:
            os.ftruncate(self._fd, OFFSET.size)  # zero bytes: an offset of 0.0
        self._map = mmap.mmap(self._fd, OFFSET.size)

    def now(self) -> float:
        """Current portal time, in seconds since the epoch."""
        return time.time() + self.offset()

    def advance(self, seconds: float) -> float:
        """Move the clock forward (test hook); return the total offset."""
        # The file lock makes two workers' moves add up instead of one overwriting the other.
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        try:
            offset = self.offset() + seconds
            OFFSET.pack_into(self._map, 0, offset)
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        return offset

    def offset(self) -> float:
        """How far the clock has been moved forward."""
        value: float = OFFSET.unpack_from(self._map)[0]
        return value
