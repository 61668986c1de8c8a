"""Limits per client address: posted forms per minute and wrong CAPTCHAs per window."""

from __future__ import annotations

from simulator import audit
from simulator.clock import Clock
from simulator.errors import TropDeRequetes
from simulator.settings import Settings
from simulator.storage import Database
from simulator.storage.audit import append_audit
from simulator.storage.rate_limits import count_in_window, peek_window

POST_WINDOW = 60.0


def count_post(db: Database, clock: Clock, settings: Settings, client: str) -> None:
    """Count a posted form from this address; refuse past the per-minute limit."""
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


def check_captcha_allowance(db: Database, clock: Clock, settings: Settings, client: str) -> None:
    """Refuse at once an address that already failed the CAPTCHA too often."""
    if settings.captcha_failures_per_window <= 0:
        return
    window = settings.captcha_window_seconds
    failures = peek_window(db.reader(), f"captcha:{client}", clock.now(), window)
    if failures >= settings.captcha_failures_per_window:
        raise TropDeRequetes(window)


def record_captcha_failure(db: Database, clock: Clock, settings: Settings, client: str) -> None:
    """Count one wrong CAPTCHA from this address."""
    now = clock.now()
    with db.transaction() as conn:
        count_in_window(conn, f"captcha:{client}", now, settings.captcha_window_seconds)
        append_audit(conn, now, audit.CAPTCHA_ECHOUE, client=client)
