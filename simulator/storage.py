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

from fixtures.liste import SCRUTIN_SEPARATOR

SCHEMA = """
CREATE TABLE IF NOT EXISTS voters (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
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
CREATE UNIQUE INDEX IF NOT EXISTS voters_email ON voters(email);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    expires_at REAL NOT NULL
);
-- No index on expires_at: it made every session write (the hottest write of the opening
-- peak) 1.3 to 1.6 times as costly (scripts/bench_sessions.py); the purge scans instead.
-- Failures and locks by identifier typed, known or not, so a lock says nothing of the roll.
CREATE TABLE IF NOT EXISTS login_guard (
    identifier TEXT PRIMARY KEY,
    failures INTEGER NOT NULL DEFAULT 0,
    locks INTEGER NOT NULL DEFAULT 0,
    locked_until REAL
);
CREATE TABLE IF NOT EXISTS reset_links (
    id INTEGER PRIMARY KEY,
    voter_id INTEGER NOT NULL REFERENCES voters(id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at REAL NOT NULL,
    expires_at REAL NOT NULL,
    used_at REAL,
    superseded_at REAL
);
CREATE INDEX IF NOT EXISTS reset_links_voter ON reset_links(voter_id);
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY,
    message_id TEXT NOT NULL UNIQUE,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    created_at REAL NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL,
    lease_until REAL,
    sent_at REAL,
    failed_at REAL,
    last_error TEXT
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox(next_attempt_at) WHERE sent_at IS NULL
    AND failed_at IS NULL;
CREATE TABLE IF NOT EXISTS audit_log (
    id INTEGER PRIMARY KEY,
    at REAL NOT NULL,
    event TEXT NOT NULL,
    identifier TEXT,
    voter_id INTEGER,
    client TEXT,
    detail TEXT
);
-- Append-only: the database itself refuses to rewrite or erase the audit trail.
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log est en ajout seul'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log est en ajout seul'); END;
CREATE TABLE IF NOT EXISTS roll_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rate_counters (
    key TEXT PRIMARY KEY,
    window_start REAL NOT NULL,
    count INTEGER NOT NULL
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



VoterRow = tuple[str, str, str, str, str, str, str, str | None, str | None, str | None]


def bulk_insert_voter_rows(conn: sqlite3.Connection, rows: Iterable[VoterRow]) -> None:
    """Insert many voters into an empty table: the e-mail index is rebuilt once at the end,
    in sorted order, instead of being updated a million times in random order."""
    conn.execute("DROP INDEX IF EXISTS voters_email")
    insert_voter_rows(conn, rows)
    conn.execute("CREATE UNIQUE INDEX voters_email ON voters(email)")


def insert_voter_rows(conn: sqlite3.Connection, rows: Iterable[VoterRow]) -> None:
    """Insert voter rows (email, civilite, nom, prenom, academie, corps, scrutins,
    password_hash, question, answer_hash) in the caller's transaction."""
    conn.executemany(
        "INSERT INTO voters (email, civilite, nom, prenom, academie, corps, scrutins,"
        " password_hash, question, answer_hash) VALUES (?,?,?,?,?,?,?,?,?,?)",
        rows,
    )


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    """Record a value about the loaded roll."""
    conn.execute(
        "INSERT INTO roll_meta (key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def update_password_hash(conn: sqlite3.Connection, voter_id: int, password_hash: str) -> None:
    """Replace a voter's stored password hash (upgrade of a derived credential)."""
    conn.execute("UPDATE voters SET password_hash = ? WHERE id = ?", (password_hash, voter_id))


def _upsert_session(
    conn: sqlite3.Connection, token_hash: str, data: dict[str, Any], expires_at: float
) -> None:
    conn.execute(
        "INSERT INTO sessions (token_hash, data, expires_at) VALUES (?,?,?)"
        " ON CONFLICT(token_hash) DO UPDATE SET data=excluded.data,"
        " expires_at=excluded.expires_at",
        (token_hash, json.dumps(data), expires_at),
    )


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
        self._write_lock = threading.RLock()
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
            # 64 MiB of page cache: the e-mail index of a national roll stays in memory.
            conn.execute("PRAGMA cache_size=-65536")
            self._local.conn = conn
        return conn

    def close(self) -> None:
        """Close this thread's connection (another opens on the next use)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run statements in one write transaction, taken at once to avoid upgrade deadlocks."""
        conn = self._connection()
        # Threads of this process queue here, on a lock that wakes them at once, instead
        # of inside SQLite, whose busy handler sleeps 1, 2, 5… up to 100 ms between tries:
        # that sleeping was most of the p95 under load. Other processes still wait in SQLite.
        with self._write_lock:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    @contextmanager
    def journal_mode(self, mode: str) -> Iterator[None]:
        """Switch this thread's connection to another journal mode, then back to WAL."""
        conn = self._connection()
        conn.execute(f"PRAGMA journal_mode={mode}")
        try:
            yield
        finally:
            conn.execute("PRAGMA journal_mode=WAL")

    def reader(self) -> sqlite3.Connection:
        """This thread's connection, for reads outside a write transaction."""
        return self._connection()

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
            insert_voter_rows(conn, rows)
        return len(rows)

    def meta(self, key: str) -> str | None:
        """A value recorded about the loaded roll (e.g. its secret)."""
        row = self.query_one("SELECT value FROM roll_meta WHERE key = ?", (key,))
        return str(row["value"]) if row else None

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
            _upsert_session(conn, token_hash, data, expires_at)

    def replace_session(
        self, old_hash: str, token_hash: str, data: dict[str, Any], expires_at: float
    ) -> None:
        """Store a session under a new token and drop the old one, in one transaction."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM sessions WHERE token_hash = ?", (old_hash,))
            _upsert_session(conn, token_hash, data, expires_at)

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

    def purge_sessions(self, now: float) -> int:
        """Delete the sessions expired at `now`; how many went (a scan of the table: some
        tens of milliseconds for the ~100,000 live sessions of the opening peak)."""
        with self.transaction() as conn:
            return conn.execute("DELETE FROM sessions WHERE expires_at <= ?", (now,)).rowcount


# Login guard (brute force) ---------------------------------------------------


@dataclass(frozen=True)
class Guard:
    """Wrong-password count and lock state of one identifier."""

    failures: int = 0
    locks: int = 0
    locked_until: float | None = None


def read_guard(conn: sqlite3.Connection, identifier: str) -> Guard:
    """The guard of an identifier (a fresh one if never seen)."""
    row = conn.execute(
        "SELECT failures, locks, locked_until FROM login_guard WHERE identifier = ?", (identifier,)
    ).fetchone()
    return Guard(row["failures"], row["locks"], row["locked_until"]) if row else Guard()


def write_guard(conn: sqlite3.Connection, identifier: str, guard: Guard) -> None:
    """Store an identifier's guard."""
    conn.execute(
        "INSERT INTO login_guard (identifier, failures, locks, locked_until) VALUES (?,?,?,?)"
        " ON CONFLICT(identifier) DO UPDATE SET failures=excluded.failures,"
        " locks=excluded.locks, locked_until=excluded.locked_until",
        (identifier, guard.failures, guard.locks, guard.locked_until),
    )


def clear_guard(conn: sqlite3.Connection, identifier: str) -> None:
    """Forget an identifier's failures and locks (successful login or completed reset)."""
    conn.execute("DELETE FROM login_guard WHERE identifier = ?", (identifier,))


# Voters' secrets -------------------------------------------------------------


def save_activation(
    conn: sqlite3.Connection, voter_id: int, password_hash: str, question: str, answer_hash: str
) -> None:
    """Save the Élections password and the challenge of an activated account."""
    conn.execute(
        "UPDATE voters SET password_hash = ?, question = ?, answer_hash = ? WHERE id = ?",
        (password_hash, question, answer_hash, voter_id),
    )


# Réassort links --------------------------------------------------------------


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


# Outbox ----------------------------------------------------------------------


@dataclass(frozen=True)
class OutgoingMail:
    """A mail waiting in the outbox, or one claimed for sending."""

    id: int
    message_id: str
    recipient: str
    subject: str
    text_body: str
    html_body: str
    attempts: int


def enqueue_mail(
    conn: sqlite3.Connection,
    message_id: str,
    recipient: str,
    subject: str,
    text_body: str,
    html_body: str,
    now: float,
) -> None:
    """Commit a mail to the outbox (in the caller's transaction)."""
    conn.execute(
        "INSERT INTO outbox (message_id, recipient, subject, text_body, html_body, created_at,"
        " next_attempt_at) VALUES (?,?,?,?,?,?,?)",
        (message_id, recipient, subject, text_body, html_body, now, now),
    )


def claim_due_mails(
    conn: sqlite3.Connection, now: float, lease_seconds: float, limit: int
) -> list[OutgoingMail]:
    """Lease due mails to this sender so no other process sends them meanwhile."""
    rows = conn.execute(
        "UPDATE outbox SET lease_until = ? WHERE id IN ("
        " SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL"
        " AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)"
        " ORDER BY id LIMIT ?) RETURNING *",
        (now + lease_seconds, now, now, limit),
    ).fetchall()
    return [
        OutgoingMail(
            id=r["id"],
            message_id=r["message_id"],
            recipient=r["recipient"],
            subject=r["subject"],
            text_body=r["text_body"],
            html_body=r["html_body"],
            attempts=r["attempts"],
        )
        for r in sorted(rows, key=lambda r: int(r["id"]))
    ]


def mark_mail_sent(conn: sqlite3.Connection, mail_id: int, now: float) -> None:
    """Record a delivery accepted by the SMTP server."""
    conn.execute(
        "UPDATE outbox SET sent_at = ?, attempts = attempts + 1, lease_until = NULL,"
        " last_error = NULL WHERE id = ?",
        (now, mail_id),
    )


def mark_mail_retry(
    conn: sqlite3.Connection, mail_id: int, next_attempt_at: float, error: str
) -> None:
    """Record a temporary failure; the mail is tried again later."""
    conn.execute(
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, lease_until = NULL,"
        " last_error = ? WHERE id = ?",
        (next_attempt_at, error, mail_id),
    )


def mark_mail_failed(conn: sqlite3.Connection, mail_id: int, now: float, error: str) -> None:
    """Record a permanent refusal (5xx): the mail is not tried again."""
    conn.execute(
        "UPDATE outbox SET attempts = attempts + 1, failed_at = ?, lease_until = NULL,"
        " last_error = ? WHERE id = ?",
        (now, error, mail_id),
    )


# Audit log -------------------------------------------------------------------


def append_audit(
    conn: sqlite3.Connection,
    at: float,
    event: str,
    *,
    identifier: str | None = None,
    voter_id: int | None = None,
    client: str | None = None,
    detail: str | None = None,
) -> None:
    """Append one security event."""
    conn.execute(
        "INSERT INTO audit_log (at, event, identifier, voter_id, client, detail)"
        " VALUES (?,?,?,?,?,?)",
        (at, event, identifier, voter_id, client, detail),
    )


# Rate limits -----------------------------------------------------------------


def count_in_window(conn: sqlite3.Connection, key: str, now: float, window: float) -> int:
    """Add one to a fixed-window counter and return the count in the current window."""
    row = conn.execute(
        "INSERT INTO rate_counters (key, window_start, count) VALUES (?, ?, 1)"
        " ON CONFLICT(key) DO UPDATE SET"
        " count = CASE WHEN rate_counters.window_start + ? <= excluded.window_start"
        "   THEN 1 ELSE rate_counters.count + 1 END,"
        " window_start = CASE WHEN rate_counters.window_start + ? <= excluded.window_start"
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
    if row is None or row["window_start"] + window <= now:
        return 0
    return int(row["count"])
