"""Limits per client address, made for crowds behind one address.

Teachers of a school, or a whole académie behind its proxy, reach the portal from one
public address, hundreds of them at 10:00 on the first day. So nothing here counts what
honest voters do in great numbers; an address is held back only by what goes wrong
from it, and each voter who gets in from it widens what it may get wrong:

- wrong CAPTCHAs: `captcha_failures_per_window` per window (15 min), **plus one per
  voter who got in** from that address in the window (a crowd's typos are paid for by
  its own successes; a script that cannot read the image earns nothing);
- wrong passwords over any identifiants: `password_failures_per_window` per window, plus one
  per voter who got in (one address trying many identifiants is stopped, a crowd where
  a few mistype is not); a voter counts once however often it logs in, so an attacker
  cannot earn room by logging into its own account again and again;
- posted forms: `posts_per_minute`, a flood ceiling far above a crowd (an académie at
  the opening peak posts about 3,300 forms a minute).

One identifiant guessed from many addresses is stopped by its own lock (comptes.py),
whatever the address. A refusal is a 429 with Retry-After.
"""

from __future__ import annotations

import sqlite3

from simulator import audit
from simulator.acces.errors import TropDeRequetes
from simulator.clock import Clock
from simulator.settings import Settings
from simulator.storage import Database
from simulator.storage.audit import append_audit
from simulator.storage.rate_limits import count_in_window, peek_window

POST_WINDOW = 60.0


def count_post(db: Database, clock: Clock, settings: Settings, client: str) -> None:
    """Count a posted form from this address; refuse past the per-minute ceiling."""
    if settings.posts_per_minute <= 0:
        return
    now = clock.now()
    with db.transaction() as conn:
        count = count_in_window(conn, f"post:{client}", now, POST_WINDOW)
        over = count > settings.posts_per_minute
        if over and count == settings.posts_per_minute + 1:
            append_audit(conn, now, audit.LIMITE_DEPASSEE, client=client, detail="formulaires")
    if over:
        raise TropDeRequetes(int(POST_WINDOW))


def _entres(conn: sqlite3.Connection, settings: Settings, client: str, now: float) -> int:
    """Voters who got in from this address in the current window."""
    return peek_window(conn, f"entres:{client}", now, settings.failures_window_seconds)


def _exiger_marge(
    db: Database, clock: Clock, settings: Settings, client: str, cle: str, base: int
) -> None:
    if base <= 0:
        return
    now = clock.now()
    window = settings.failures_window_seconds
    conn = db.reader()
    echecs = peek_window(conn, f"{cle}:{client}", now, window)
    if echecs >= base + _entres(conn, settings, client, now):
        raise TropDeRequetes(window)


def check_captcha_allowance(db: Database, clock: Clock, settings: Settings, client: str) -> None:
    """Refuse at once an address whose wrong CAPTCHAs went past its allowance."""
    _exiger_marge(db, clock, settings, client, "captcha", settings.captcha_failures_per_window)


def record_captcha_failure(db: Database, clock: Clock, settings: Settings, client: str) -> None:
    """Count one wrong CAPTCHA from this address."""
    now = clock.now()
    with db.transaction() as conn:
        count_in_window(conn, f"captcha:{client}", now, settings.failures_window_seconds)
        append_audit(conn, now, audit.CAPTCHA_ECHOUE, client=client)


def check_password_allowance(
    db: Database, clock: Clock, settings: Settings, client: str | None
) -> None:
    """Refuse at once an address whose wrong passwords went past its allowance."""
    if client is not None:
        _exiger_marge(db, clock, settings, client, "mdp", settings.password_failures_per_window)


def record_password_failure(
    conn: sqlite3.Connection, settings: Settings, client: str | None, now: float
) -> None:
    """Count one wrong password from this address (in the caller's transaction)."""
    if client is not None:
        count_in_window(conn, f"mdp:{client}", now, settings.failures_window_seconds)


def record_entry(
    conn: sqlite3.Connection, settings: Settings, client: str | None, email: str, now: float
) -> None:
    """A voter got in from this address (in the caller's transaction): the address's
    allowances grow by one, once per voter and window."""
    if client is None:
        return
    window = settings.failures_window_seconds
    if count_in_window(conn, f"entre:{client}:{email}", now, window) == 1:
        count_in_window(conn, f"entres:{client}", now, window)
