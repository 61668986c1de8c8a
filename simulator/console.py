"""Progress shown on the terminal during long work (roll generation and loading)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

Progress = Callable[[int, int], None]


def no_progress(done: int, total: int) -> None:
    """Report nothing (library default)."""
    return None


def stderr_progress(label: str) -> Progress:
    """A progress reporter that rewrites one line on stderr: count, percentage, rate."""
    started = time.monotonic()

    def report(done: int, total: int) -> None:
        elapsed = max(time.monotonic() - started, 1e-6)
        share = done * 100 // total if total else 100
        line = f"\r{label} : {done:,} / {total:,} ({share} %), {done / elapsed:,.0f}/s"
        sys.stderr.write(line.replace(",", " ") + ("\n" if done >= total else ""))
        sys.stderr.flush()

    return report
