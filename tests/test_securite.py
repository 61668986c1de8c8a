"""Protections: lockout, limits per address, audit trail, sessions, logs."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from harnais.courrier import Mailbox
from harnais.crochets import Crochets, transport_httpx
from simulator import create_app
from simulator.mailsink import MailSink
from simulator.storage import Database
from tests.conftest import Portail, csrf_of, make_settings, page_text, portail_regle

WRONG = "Mauvais-mot-2-passe"


def _fail(portail: Portail, email: str, times: int) -> list[str]:
    return [page_text(portail.login(email, WRONG)) for _ in range(times)]


def test_fifth_wrong_password_locks_even_the_right_one(portail: Portail) -> None:
    """After 5 wrong passwords the account is locked: the right password is refused too."""
    electeur = portail.creer_electeur()
    answers = _fail(portail, electeur["email"], 5)
    assert all("incorrect" in a for a in answers[:4])
    assert "temporairement verrouillé" in answers[4] and "15 minutes" in answers[4]
    locked = portail.login(electeur["email"], electeur["password"])
    assert locked.status_code == 400 and "verrouillé" in page_text(locked)


def test_lock_doubles_while_failures_go_on_and_expires_on_the_clock(portail: Portail) -> None:
    """15 minutes, then 30 for the next lock; a successful login starts again from 15."""
    electeur = portail.creer_electeur()
    _fail(portail, electeur["email"], 5)
    portail.crochets.avancer_horloge(15 * 60 + 1)
    second = _fail(portail, electeur["email"], 5)[-1]
    assert "30 minutes" in second
    portail.crochets.avancer_horloge(16 * 60)
    assert "verrouillé" in page_text(portail.login(electeur["email"], electeur["password"]))
    portail.crochets.avancer_horloge(15 * 60)
    assert portail.login(electeur["email"], electeur["password"]).url.path == "/espace"
    portail.client.cookies.clear()
    assert "15 minutes" in _fail(portail, electeur["email"], 5)[-1]


def test_lock_looks_the_same_for_an_unknown_identifiant(portail: Portail) -> None:
    """No enumeration through the lock: an unknown address locks the same way."""
    electeur = portail.creer_electeur()
    known = _fail(portail, electeur["email"], 5)[-1]
    unknown = _fail(portail, "qui.nexiste@ac-reims.fr", 5)[-1]
    assert known == unknown.replace("qui.nexiste@ac-reims.fr", electeur["email"])


def test_lock_survives_a_restart(tmp_path: Path, sink: MailSink, mailbox: Mailbox) -> None:
    """A new app on the same database still refuses the locked account."""
    with portail_regle(tmp_path, sink.smtp_port) as portail:
        electeur = portail.creer_electeur()
        _fail(portail, electeur["email"], 5)
    with portail_regle(tmp_path, sink.smtp_port) as redemarre:
        answer = redemarre.login(electeur["email"], electeur["password"])
        assert "verrouillé" in page_text(answer)


def test_captcha_failures_are_limited_per_address(
    tmp_path: Path, sink: MailSink, mailbox: Mailbox
) -> None:
    """Past the allowed wrong CAPTCHAs, the address gets 429 even with the right code."""
    with portail_regle(tmp_path, sink.smtp_port, captcha_failures_per_window=3) as portail:
        for _ in range(3):
            assert portail.identify("a.b@ac-reims.fr", captcha="0").status_code == 400
        blocked = portail.identify("a.b@ac-reims.fr")
        assert blocked.status_code == 429
        assert "Trop de tentatives" in page_text(blocked)
        portail.crochets.avancer_horloge(15 * 60)
        assert portail.identify("a.b@ac-reims.fr").url.path == "/mot-de-passe"


def test_posted_forms_are_limited_per_address(
    tmp_path: Path, sink: MailSink, mailbox: Mailbox
) -> None:
    """More posts than allowed in a minute: 429 with Retry-After, until the minute is over."""
    settings = make_settings(tmp_path, sink.smtp_port, posts_per_minute=4)
    with TestClient(create_app(settings), follow_redirects=True) as client:
        page = client.get("/identification")
        statuses = [
            client.post("/identification", data={"csrf": csrf_of(page.text)}).status_code
            for _ in range(5)
        ]
        assert statuses == [400, 400, 400, 400, 429]
        last = client.post("/identification", data={"csrf": csrf_of(page.text)})
        assert last.headers["retry-after"] == "60"
        Crochets(transport_httpx(client)).avancer_horloge(61)
        assert client.post("/identification", data={}).status_code == 400


def test_audit_log_records_events_and_is_append_only(portail: Portail, db: Database) -> None:
    """Logins, failures and locks are in the audit log, which refuses updates and deletes."""
    electeur = portail.creer_electeur()
    portail.login(electeur["email"], electeur["password"])
    portail.client.cookies.clear()
    _fail(portail, electeur["email"], 5)
    events = [r[0] for r in db.reader().execute("SELECT event FROM audit_log ORDER BY id")]
    assert events[0] == "connexion_reussie"
    assert events.count("connexion_echouee") == 4 and events[-1] == "verrouillage"
    with pytest.raises(sqlite3.IntegrityError, match="ajout seul"):
        db.reader().execute("UPDATE audit_log SET event = 'rien'")
    with pytest.raises(sqlite3.IntegrityError, match="ajout seul"):
        db.reader().execute("DELETE FROM audit_log")


def test_expired_sessions_are_purged_from_the_database(portail: Portail, db: Database) -> None:
    """A session past its lifetime is deleted by a later save, not kept for ever."""
    portail.client.get("/identification")  # the CAPTCHA shown is kept in a session
    count = "SELECT COUNT(*) FROM sessions"
    assert db.reader().execute(count).fetchone()[0] == 1
    portail.crochets.avancer_horloge(31 * 60)
    portail.client.cookies.clear()
    portail.client.get("/identification")  # another visitor, after the first one's expiry
    assert db.reader().execute(count).fetchone()[0] == 1


def test_session_token_changes_at_every_privilege_change(
    portail: Portail, mailbox: Mailbox
) -> None:
    """New session token when the link is opened, the password set and the account active."""
    electeur = portail.creer_electeur("nouveau")
    portail.demander_reassort(electeur["email"])
    link = mailbox.wait_for_mail(electeur["email"]).links()[0]
    tokens = [portail.client.cookies.get("session_electeur")]
    portail.ouvrir_lien(link)
    tokens.append(portail.client.cookies.get("session_electeur"))
    portail.set_password("Nouveau-mot-2-passe")
    tokens.append(portail.client.cookies.get("session_electeur"))
    portail.activer("Milou")
    tokens.append(portail.client.cookies.get("session_electeur"))
    assert len(set(tokens)) == 4


def test_no_password_or_token_in_any_log_line(
    portail: Portail, mailbox: Mailbox, caplog: pytest.LogCaptureFixture
) -> None:
    """A whole réassort flow with logging at DEBUG: no secret ends up in a log record."""
    caplog.set_level(logging.DEBUG)
    electeur = portail.creer_electeur("nouveau")
    portail.demander_reassort(electeur["email"])
    link = mailbox.wait_for_mail(electeur["email"]).links()[0]
    portail.ouvrir_lien(link)
    portail.set_password("Secret-tres-2-garde")
    portail.activer("Reponse-secrete")
    portail.client.cookies.clear()
    portail.login(electeur["email"], "Secret-tres-2-garde")
    token = link.split("jeton=")[1]
    # Only the server side counts: the test's own HTTP client logs the URLs it fetches.
    server_side = ("simulator", "uvicorn", "starlette", "aiosmtpd", "mail.log")
    records = [r for r in caplog.records if r.name.startswith(server_side)]
    logged = "\n".join(r.getMessage() for r in records)
    for secret in ("Secret-tres-2-garde", "Reponse-secrete", token):
        assert secret not in logged


def test_behind_https_the_cookie_is_secure_and_hsts_is_sent(
    tmp_path: Path, sink: MailSink, mailbox: Mailbox
) -> None:
    """`--url-publique https://…`: the session cookie is `Secure`, and every answer carries
    Strict-Transport-Security; over plain HTTP neither (a browser would drop the cookie)."""
    https = make_settings(tmp_path, sink.smtp_port, public_url="https://elections.example")
    with TestClient(create_app(https), base_url="https://elections.example") as client:
        page = client.get("/identification")
        assert "max-age=31536000" in page.headers["strict-transport-security"]
        assert "secure" in page.headers["set-cookie"].lower()
    http = make_settings(tmp_path / "http", sink.smtp_port)
    with TestClient(create_app(http)) as client:
        page = client.get("/identification")
        assert "strict-transport-security" not in page.headers
        assert "secure" not in page.headers["set-cookie"].lower()
