"""Server-side sessions kept in SQLite, addressed by a random cookie token."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from typing import Any

from simulator.clock import Clock
from simulator.storage import Database
from simulator.storage.sessions import (
    delete_session,
    load_session,
    purge_sessions,
    replace_session,
    save_session,
)

COOKIE_NAME = "session_electeur"

# Expired sessions are deleted at most this often (portal clock), by the request that
# saves a session then: one scan of the table a minute per worker, rather than an index
# on the expiry date that every session write would have to keep up to date.
PURGE_EVERY_SECONDS = 60.0


def _digest(token: str) -> str:
    # Only a hash of the token is stored: a leaked database does not leak sessions.
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class Session:
    """One browser's session: its token, its data and whether it must be written back."""

    token: str
    data: dict[str, Any] = field(default_factory=dict)
    dirty: bool = False
    previous_token: str | None = None
    destroyed: bool = False
    stored: bool = True

    def get(self, key: str) -> Any:
        """Read a value."""
        return self.data.get(key)

    def set(self, key: str, value: Any) -> None:
        """Write a value."""
        self.data[key] = value
        self.dirty = True

    def pop(self, key: str) -> Any:
        """Remove and return a value."""
        self.dirty = True
        return self.data.pop(key, None)

    def replace(self, data: dict[str, Any]) -> None:
        """Swap all the data at once (e.g. on entering a new stage of the flow)."""
        self.data = dict(data)
        self.dirty = True

    def rotate(self) -> None:
        """Give the session a new token, at each change of privilege (fixation defence)."""
        if self.previous_token is None:
            self.previous_token = self.token
        self.token = secrets.token_urlsafe(32)
        self.dirty = True


class SessionStore:
    """Loads and saves sessions; lifetime counted on the portal's clock."""

    def __init__(self, db: Database, clock: Clock, lifetime_seconds: int) -> None:
        self._db = db
        self._clock = clock
        self._lifetime = lifetime_seconds
        self._next_purge = 0.0

    def load(self, token: str | None) -> Session:
        """Return the session behind a cookie token, or a new empty one."""
        if token:
            data = load_session(self._db.reader(), _digest(token), self._clock.now())
            if data is not None:
                return Session(token=token, data=data)
        # Not dirty: an anonymous visit that stores nothing costs no database write.
        return Session(token=secrets.token_urlsafe(32), stored=False)

    def save(self, session: Session) -> None:
        """Persist a session (and drop its old token if it was rotated); now and then,
        delete the expired ones, which nobody can load any more."""
        now = self._clock.now()
        if now >= self._next_purge:
            self._next_purge = now + PURGE_EVERY_SECONDS
            with self._db.transaction() as conn:
                purge_sessions(conn, now)
        expires_at = now + self._lifetime
        if session.previous_token is not None:
            with self._db.transaction() as conn:
                replace_session(
                    conn,
                    _digest(session.previous_token),
                    _digest(session.token),
                    session.data,
                    expires_at,
                )
            session.previous_token = None
        else:
            with self._db.transaction() as conn:
                save_session(conn, _digest(session.token), session.data, expires_at)
        session.dirty = False
        session.stored = True

    def destroy(self, session: Session) -> None:
        """Forget a session entirely (logout); its cookie is then cleared."""
        with self._db.transaction() as conn:
            delete_session(conn, _digest(session.token))
        session.data = {}
        session.destroyed = True
