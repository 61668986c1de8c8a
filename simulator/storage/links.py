"""Réassort links: only the token's hash is stored; newer links supersede older ones."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class ResetLink:
    """A réassort link as stored (only the token's hash is kept)."""

    id: int
    voter_id: int
    created_at: float
    expires_at: float
    used_at: float | None
    superseded_at: float | None


def insert_reset_link(
    conn: sqlite3.Connection, voter_id: int, token_hash: str, now: float, expires_at: float
) -> int:
    """Store a new link and supersede the voter's older unused ones; return its id."""
    conn.execute(
        "UPDATE reset_links SET superseded_at = ? WHERE voter_id = ? AND used_at IS NULL"
        " AND superseded_at IS NULL",
        (now, voter_id),
    )
    cursor = conn.execute(
        "INSERT INTO reset_links (voter_id, token_hash, created_at, expires_at) VALUES (?,?,?,?)",
        (voter_id, token_hash, now, expires_at),
    )
    return int(cursor.lastrowid or 0)


def _link_from_row(row: sqlite3.Row) -> ResetLink:
    return ResetLink(
        id=row["id"],
        voter_id=row["voter_id"],
        created_at=row["created_at"],
        expires_at=row["expires_at"],
        used_at=row["used_at"],
        superseded_at=row["superseded_at"],
    )


def find_reset_link(conn: sqlite3.Connection, token_hash: str) -> ResetLink | None:
    """The link whose token hashes to this value."""
    row = conn.execute("SELECT * FROM reset_links WHERE token_hash = ?", (token_hash,)).fetchone()
    return _link_from_row(row) if row else None


def reset_link_by_id(conn: sqlite3.Connection, link_id: int) -> ResetLink | None:
    """A link by id."""
    row = conn.execute("SELECT * FROM reset_links WHERE id = ?", (link_id,)).fetchone()
    return _link_from_row(row) if row else None


def mark_reset_link_used(conn: sqlite3.Connection, link_id: int, now: float) -> bool:
    """Consume a link; False if it was already used (a concurrent request won)."""
    cursor = conn.execute(
        "UPDATE reset_links SET used_at = ? WHERE id = ? AND used_at IS NULL", (now, link_id)
    )
    return cursor.rowcount == 1
