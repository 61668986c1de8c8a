"""SQLite storage: the schema and every SQL statement of the portal live here.

All state that matters across requests is in the database file so that several
worker processes on one file give the same answers as one.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS voters (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    civilite TEXT NOT NULL DEFAULT '',
    nom TEXT NOT NULL DEFAULT '',
    prenom TEXT NOT NULL DEFAULT '',
    academie TEXT NOT NULL DEFAULT '',
    corps TEXT NOT NULL DEFAULT '',
    scrutins TEXT NOT NULL DEFAULT '',
    password_hash TEXT,
    question TEXT,
    answer_hash TEXT
);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    expires_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS clock (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    offset_seconds REAL NOT NULL
);
"""


@dataclass(frozen=True)
class Voter:
    """A voter of the roll as the portal stores it."""

    id: int
    email: str
    civilite: str
    nom: str
    prenom: str
    academie: str
    corps: str
    scrutins: tuple[str, ...]
    password_hash: str | None
    question: str | None
    answer_hash: str | None

    @property
    def is_active(self) -> bool:
        """An active voter has saved an Élections password and a challenge answer."""
        return self.password_hash is not None and self.answer_hash is not None


@dataclass(frozen=True)
class NewVoter:
    """A voter to insert; hashes are computed by the caller."""

    email: str
    civilite: str = ""
    nom: str = ""
    prenom: str = ""
    academie: str = ""
    corps: str = ""
    scrutins: tuple[str, ...] = ()
    password_hash: str | None = None
    question: str | None = None
    answer_hash: str | None = None


SCRUTIN_SEPARATOR = "|"


def _voter_from_row(row: sqlite3.Row) -> Voter:
    return Voter(
        id=row["id"],
        email=row["email"],
        civilite=row["civilite"],
        nom=row["nom"],
        prenom=row["prenom"],
        academie=row["academie"],
        corps=row["corps"],
        scrutins=tuple(s for s in row["scrutins"].split(SCRUTIN_SEPARATOR) if s),
        password_hash=row["password_hash"],
        question=row["question"],
        answer_hash=row["answer_hash"],
    )


class Database:
    """One SQLite file, one connection per thread, WAL so readers never wait on a writer."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        path.parent.mkdir(parents=True, exist_ok=True)
        # executescript commits on its own, so it runs outside `transaction()`.
        self._connection().executescript(SCHEMA)

    def _connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            self._local.conn = conn
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run statements in one write transaction, taken at once to avoid upgrade deadlocks."""
        conn = self._connection()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def query_one(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Row | None:
        """Run a read query and return its first row, if any."""
        row: sqlite3.Row | None = self._connection().execute(sql, tuple(params)).fetchone()
        return row

    # Voters -------------------------------------------------------------

    def insert_voters(self, voters: Iterable[NewVoter]) -> int:
        """Insert voters in one transaction; return how many were inserted."""
        rows = [
            (
                v.email,
                v.civilite,
                v.nom,
                v.prenom,
                v.academie,
                v.corps,
                SCRUTIN_SEPARATOR.join(v.scrutins),
                v.password_hash,
                v.question,
                v.answer_hash,
            )
            for v in voters
        ]
        with self.transaction() as conn:
            conn.executemany(
                "INSERT INTO voters (email, civilite, nom, prenom, academie, corps, scrutins,"
                " password_hash, question, answer_hash) VALUES (?,?,?,?,?,?,?,?,?,?)",
                rows,
            )
        return len(rows)

    def voter_by_email(self, email: str) -> Voter | None:
        """Find a voter by professional address (already normalised)."""
        row = self.query_one("SELECT * FROM voters WHERE email = ?", (email,))
        return _voter_from_row(row) if row else None

    def voter_by_id(self, voter_id: int) -> Voter | None:
        """Find a voter by its row id."""
        row = self.query_one("SELECT * FROM voters WHERE id = ?", (voter_id,))
        return _voter_from_row(row) if row else None

    def count_voters(self) -> int:
        """How many voters the roll holds."""
        row = self.query_one("SELECT COUNT(*) AS n FROM voters")
        return int(row["n"]) if row else 0

    def first_active_email(self) -> str | None:
        """The first active voter's address in load order (for the demo banner)."""
        row = self.query_one(
            "SELECT email FROM voters WHERE password_hash IS NOT NULL"
            " AND answer_hash IS NOT NULL ORDER BY id LIMIT 1"
        )
        return str(row["email"]) if row else None

    # Sessions -----------------------------------------------------------

    def save_session(self, token_hash: str, data: dict[str, Any], expires_at: float) -> None:
        """Create or replace a session's data."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO sessions (token_hash, data, expires_at) VALUES (?,?,?)"
                " ON CONFLICT(token_hash) DO UPDATE SET data=excluded.data,"
                " expires_at=excluded.expires_at",
                (token_hash, json.dumps(data), expires_at),
            )

    def load_session(self, token_hash: str, now: float) -> dict[str, Any] | None:
        """Return a session's data unless it is unknown or expired."""
        row = self.query_one(
            "SELECT data FROM sessions WHERE token_hash = ? AND expires_at > ?", (token_hash, now)
        )
        if row is None:
            return None
        data: dict[str, Any] = json.loads(row["data"])
        return data

    def delete_session(self, token_hash: str) -> None:
        """Forget a session."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM sessions WHERE token_hash = ?", (token_hash,))

    def purge_sessions(self, now: float) -> None:
        """Delete expired sessions."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM sessions WHERE expires_at <= ?", (now,))

    # Clock --------------------------------------------------------------

    def clock_offset(self) -> float:
        """Seconds the test clock has been moved forward."""
        row = self.query_one("SELECT offset_seconds FROM clock WHERE id = 1")
        return float(row["offset_seconds"]) if row else 0.0

    def advance_clock(self, seconds: float) -> float:
        """Move the shared test clock forward; return the new offset."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO clock (id, offset_seconds) VALUES (1, ?)"
                " ON CONFLICT(id) DO UPDATE"
                " SET offset_seconds = offset_seconds + excluded.offset_seconds",
                (seconds,),
            )
        return self.clock_offset()
