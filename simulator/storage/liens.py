"""Réassort links: only the token's hash is stored; newer links supersede older ones."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class LienReassort:
    """A réassort link as stored (only the token's hash is kept)."""

    id: int
    electeur_id: int
    created_at: float
    expires_at: float
    used_at: float | None
    superseded_at: float | None


def inserer_lien(
    conn: sqlite3.Connection, electeur_id: int, token_hash: str, now: float, expires_at: float
) -> int:
    """Store a new link and supersede the voter's older unused ones; return its id."""
    conn.execute(
        "UPDATE reset_links SET superseded_at = ? WHERE voter_id = ? AND used_at IS NULL"
        " AND superseded_at IS NULL",
        (now, electeur_id),
    )
    cursor = conn.execute(
        "INSERT INTO reset_links (voter_id, token_hash, created_at, expires_at) VALUES (?,?,?,?)",
        (electeur_id, token_hash, now, expires_at),
    )
    return int(cursor.lastrowid or 0)


def _lien_de_la_ligne(row: sqlite3.Row) -> LienReassort:
    return LienReassort(
        id=row["id"],
        electeur_id=row["voter_id"],
        created_at=row["created_at"],
        expires_at=row["expires_at"],
        used_at=row["used_at"],
        superseded_at=row["superseded_at"],
    )


def lien_par_empreinte(conn: sqlite3.Connection, token_hash: str) -> LienReassort | None:
    """The link whose token hashes to this value."""
    row = conn.execute("SELECT * FROM reset_links WHERE token_hash = ?", (token_hash,)).fetchone()
    return _lien_de_la_ligne(row) if row else None


def lien_par_id(conn: sqlite3.Connection, link_id: int) -> LienReassort | None:
    """A link by id."""
    row = conn.execute("SELECT * FROM reset_links WHERE id = ?", (link_id,)).fetchone()
    return _lien_de_la_ligne(row) if row else None


def marquer_lien_utilise(conn: sqlite3.Connection, link_id: int, now: float) -> bool:
    """Consume a link; False if it was already used (a concurrent request won)."""
    cursor = conn.execute(
        "UPDATE reset_links SET used_at = ? WHERE id = ? AND used_at IS NULL", (now, link_id)
    )
    return cursor.rowcount == 1
