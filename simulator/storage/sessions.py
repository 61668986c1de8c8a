"""Session rows: created, replaced under a new token, read unless expired, purged."""

from __future__ import annotations

import json
import sqlite3
from typing import Any


def _upsert_session(
    conn: sqlite3.Connection, token_hash: str, data: dict[str, Any], expires_at: float
) -> None:
    conn.execute(
        "INSERT INTO sessions (token_hash, data, expires_at) VALUES (?,?,?)"
        " ON CONFLICT(token_hash) DO UPDATE SET data=excluded.data,"
        " expires_at=excluded.expires_at",
        (token_hash, json.dumps(data), expires_at),
    )


def save_session(
    conn: sqlite3.Connection, token_hash: str, data: dict[str, Any], expires_at: float
) -> None:
    """Create or replace a session's data."""
    _upsert_session(conn, token_hash, data, expires_at)


def replace_session(
    conn: sqlite3.Connection,
    old_hash: str,
    token_hash: str,
    data: dict[str, Any],
    expires_at: float,
) -> None:
    """Store a session under a new token and drop the old one (in one transaction)."""
    conn.execute("DELETE FROM sessions WHERE token_hash = ?", (old_hash,))
    _upsert_session(conn, token_hash, data, expires_at)


def load_session(conn: sqlite3.Connection, token_hash: str, now: float) -> dict[str, Any] | None:
    """Return a session's data unless it is unknown or expired."""
    row = conn.execute(
        "SELECT data FROM sessions WHERE token_hash = ? AND expires_at > ?", (token_hash, now)
    ).fetchone()
    if row is None:
        return None
    data: dict[str, Any] = json.loads(row["data"])
    return data


def delete_session(conn: sqlite3.Connection, token_hash: str) -> None:
    """Forget a session."""
    conn.execute("DELETE FROM sessions WHERE token_hash = ?", (token_hash,))


def purge_sessions(conn: sqlite3.Connection, now: float) -> int:
    """Delete the sessions expired at `now`; how many went (a scan of the table: some
    tens of milliseconds for the ~100,000 live sessions of the opening peak)."""
    return int(conn.execute("DELETE FROM sessions WHERE expires_at <= ?", (now,)).rowcount)
