"""The audit log: append-only (the schema's triggers refuse UPDATE and DELETE)."""

from __future__ import annotations

import sqlite3


def append_audit(
    conn: sqlite3.Connection,
    at: float,
    event: str,
    *,
    identifier: str | None = None,
    electeur_id: int | None = None,
    client: str | None = None,
    detail: str | None = None,
) -> None:
    """Append one security event."""
    conn.execute(
        "INSERT INTO audit_log (at, event, identifier, voter_id, client, detail)"
        " VALUES (?,?,?,?,?,?)",
        (at, event, identifier, electeur_id, client, detail),
    )
