"""The public board's rows (table `tableau`): entries of the hash chain in order, each in
its canonical JSON, a ballot's row with its fingerprint. Append only (triggers)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from chiffrement.hachage import json_canonique


def derniere_entree(conn: sqlite3.Connection) -> dict[str, Any] | None:
    """The last entry of the chain (None: the board is not opened)."""
    row = conn.execute("SELECT entree FROM tableau ORDER BY hauteur DESC LIMIT 1").fetchone()
    return _lue(row["entree"]) if row else None


def ajouter_entree(
    conn: sqlite3.Connection, entree: dict[str, Any], empreinte_bulletin: str | None = None
) -> None:
    """Append an entry (in the caller's transaction, which read the previous one)."""
    conn.execute(
        "INSERT INTO tableau (hauteur, type, empreinte_bulletin, entree) VALUES (?, ?, ?, ?)",
        (entree["hauteur"], entree["type"], empreinte_bulletin, json_canonique(entree).decode()),
    )


def entrees(
    conn: sqlite3.Connection, depuis: int = 0, nombre: int | None = None
) -> list[dict[str, Any]]:
    """Entries from height `depuis`, `nombre` of them (None: all)."""
    rows = conn.execute(
        "SELECT entree FROM tableau WHERE hauteur >= ? ORDER BY hauteur LIMIT ?",
        (depuis, -1 if nombre is None else nombre),
    )
    return [_lue(r["entree"]) for r in rows]


def compter_entrees(conn: sqlite3.Connection) -> int:
    """How many entries the board holds."""
    return int(conn.execute("SELECT COUNT(*) AS n FROM tableau").fetchone()["n"])


def hauteur_du_bulletin(conn: sqlite3.Connection, empreinte: str) -> int | None:
    """The height of the ballot with this fingerprint (None: not on the board)."""
    row = conn.execute(
        "SELECT hauteur FROM tableau WHERE empreinte_bulletin = ?", (empreinte,)
    ).fetchone()
    return int(row["hauteur"]) if row else None


def _lue(texte: str) -> dict[str, Any]:
    valeur: dict[str, Any] = json.loads(texte)
    return valeur


def empreintes_des_bulletins(conn: sqlite3.Connection) -> list[str]:
    """The fingerprints of every ballot on the board, sorted."""
    rows = conn.execute(
        "SELECT empreinte_bulletin FROM tableau WHERE empreinte_bulletin IS NOT NULL"
        " ORDER BY empreinte_bulletin"
    )
    return [str(r["empreinte_bulletin"]) for r in rows]


def inscriptions_depuis(conn: sqlite3.Connection, hauteur: int) -> list[tuple[int, dict[str, Any]]]:
    """The « credential » entries above `hauteur` (their height and content), found by
    the partial index `tableau_credentials`, not by reading the ballots."""
    rows = conn.execute(
        "SELECT hauteur, entree FROM tableau WHERE type = 'credential' AND hauteur > ?"
        " ORDER BY hauteur",
        (hauteur,),
    )
    return [(int(r["hauteur"]), _lue(r["entree"])["contenu"]) for r in rows]
