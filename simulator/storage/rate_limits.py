"""Fixed-window counters behind the per-address rate limits."""

from __future__ import annotations

import sqlite3


def count_in_window(conn: sqlite3.Connection, key: str, now: float, window: float) -> int:
    """Add one to a fixed-window counter and return the count in the current window (a
    window starting after `now`, left by a clock set back, starts over)."""
    row = conn.execute(
        "INSERT INTO rate_counters (key, window_start, count) VALUES (?, ?, 1)"
        " ON CONFLICT(key) DO UPDATE SET"
        " count = CASE WHEN rate_counters.window_start + ? <= excluded.window_start"
        "   OR rate_counters.window_start > excluded.window_start"
        "   THEN 1 ELSE rate_counters.count + 1 END,"
        " window_start = CASE WHEN rate_counters.window_start + ? <= excluded.window_start"
        "   OR rate_counters.window_start > excluded.window_start"
        "   THEN excluded.window_start ELSE rate_counters.window_start END"
        " RETURNING count, window_start",
        (key, now, window, window),
    ).fetchone()
    return int(row["count"])


def peek_window(conn: sqlite3.Connection, key: str, now: float, window: float) -> int:
    """The count of a fixed-window counter, without adding to it."""
    row = conn.execute(
        "SELECT count, window_start FROM rate_counters WHERE key = ?", (key,)
    ).fetchone()
    # A window that starts after `now` was opened before a test hook set the clock back:
    # it is over, not endless.
    if row is None or row["window_start"] + window <= now or row["window_start"] > now:
        return 0
    return int(row["count"])
