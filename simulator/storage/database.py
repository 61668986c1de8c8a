"""Connections, transactions and the in-process write queue of the SQLite file.

All state that matters across requests is in the database file so that several worker
processes on one file give the same answers as one. The table families have their own
modules beside this one, each a set of functions taking a connection: `db.reader()` for
reads, the connection of `with db.transaction() as conn` for writes.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from simulator.storage.schema import COLONNES_AJOUTEES, SCHEMA


def proteger_fichier_base(path: Path) -> None:
    """Make the database readable by its owner only, before SQLite opens it (issue #21,
    attack 10: the file was world-readable): a folder we create is 700, the file is
    created 600 whatever the umask, and an existing one (or its -wal, -shm) that others
    could read is narrowed to 600. SQLite gives the -wal and -shm it creates the mode of
    the database file.

    An existing file is never opened here: closing any descriptor of a file drops every
    POSIX lock the process holds on it, SQLite's included, and another process closing
    its last connection would then remove the -wal this one still writes in."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600))
    for fichier in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            if fichier.stat().st_mode & 0o077:
                fichier.chmod(0o600)
        except FileNotFoundError:
            pass


class Database:
    """One SQLite file, one connection per thread, WAL so readers never wait on a writer."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._write_lock = threading.RLock()
        proteger_fichier_base(path)
        # executescript commits on its own, so it runs outside `transaction()`.
        self._connection().executescript(SCHEMA)
        self._ajouter_colonnes()

    def _ajouter_colonnes(self) -> None:
        conn = self._connection()
        for table, colonne, genre in COLONNES_AJOUTEES:
            presentes = {str(r["name"]) for r in conn.execute(f"PRAGMA table_info({table})")}
            if colonne not in presentes:
                try:
                    conn.execute(f"ALTER TABLE {table} ADD COLUMN {colonne} {genre}")
                except sqlite3.OperationalError as exc:
                    # Another worker process added it between our look and our change.
                    if "duplicate column" not in str(exc):
                        raise

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
