"""The ballot box and the émargement list: both append-only, kept apart (schema.py)."""

from __future__ import annotations

import sqlite3
from collections import Counter


class DejaEmarge(Exception):
    """This voter has already voted in this scrutin (the émargement's key refused it)."""


def deposer(
    conn: sqlite3.Connection, electeur_id: int, scrutin: str, cle: str, bulletin: bytes
) -> None:
    """Sign the émargement and drop the ballot, in the caller's transaction: both or
    neither. A second émargement of the same voter in the same scrutin is refused."""
    try:
        conn.execute(
            "INSERT INTO emargement (voter_id, scrutin) VALUES (?, ?)", (electeur_id, scrutin)
        )
    except sqlite3.IntegrityError as exc:
        raise DejaEmarge(scrutin) from exc
    conn.execute(
        "INSERT INTO urne (id, scrutin, bulletin) VALUES (?, ?, ?)", (cle, scrutin, bulletin)
    )


def compter_bulletins(conn: sqlite3.Connection) -> int:
    """How many ballots the box holds."""
    return int(conn.execute("SELECT COUNT(*) AS n FROM urne").fetchone()["n"])


def emargements_par_scrutin(conn: sqlite3.Connection) -> Counter[str]:
    """How many voters signed the émargement of each scrutin."""
    rows = conn.execute("SELECT scrutin, COUNT(*) AS n FROM emargement GROUP BY scrutin")
    return Counter({str(r["scrutin"]): int(r["n"]) for r in rows})


def scrutins_emarges(conn: sqlite3.Connection, electeur_id: int) -> set[str]:
    """The scrutins in which this voter has already voted (its émargements)."""
    rows = conn.execute("SELECT scrutin FROM emargement WHERE voter_id = ?", (electeur_id,))
    return {str(r["scrutin"]) for r in rows}


def publier_empreintes(conn: sqlite3.Connection, empreintes: list[str]) -> None:
    """Publish the fingerprints of the counted ballots (in the caller's transaction)."""
    conn.executemany(
        "INSERT OR IGNORE INTO empreintes_publiees (empreinte) VALUES (?)",
        [(e,) for e in empreintes],
    )


def empreinte_publiee(conn: sqlite3.Connection, empreinte: str) -> bool:
    """Whether this fingerprint is on the published list."""
    row = conn.execute(
        "SELECT 1 FROM empreintes_publiees WHERE empreinte = ?", (empreinte,)
    ).fetchone()
    return row is not None
