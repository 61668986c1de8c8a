"""Locks against brute force (table `login_guard`): wrong-password counts and locks, by
identifier typed."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class Verrou:
    """Wrong-password count and lock state of one identifier."""

    failures: int = 0
    locks: int = 0
    locked_until: float | None = None


def lire_verrou(conn: sqlite3.Connection, identifier: str) -> Verrou:
    """The lock state of an identifier (a fresh one if never seen)."""
    row = conn.execute(
        "SELECT failures, locks, locked_until FROM login_guard WHERE identifier = ?", (identifier,)
    ).fetchone()
    return Verrou(row["failures"], row["locks"], row["locked_until"]) if row else Verrou()


def ecrire_verrou(conn: sqlite3.Connection, identifier: str, verrou: Verrou) -> None:
    """Store an identifier's lock state."""
    conn.execute(
        "INSERT INTO login_guard (identifier, failures, locks, locked_until) VALUES (?,?,?,?)"
        " ON CONFLICT(identifier) DO UPDATE SET failures=excluded.failures,"
        " locks=excluded.locks, locked_until=excluded.locked_until",
        (identifier, verrou.failures, verrou.locks, verrou.locked_until),
    )


def effacer_verrou(conn: sqlite3.Connection, identifier: str) -> None:
    """Forget an identifier's failures and locks (successful login or completed reset)."""
    conn.execute("DELETE FROM login_guard WHERE identifier = ?", (identifier,))
