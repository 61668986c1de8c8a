"""Durable outbox: mails survive SMTP refusals, outages and restarts, and go out once."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from starlette.testclient import TestClient

from harnais.courrier import Mailbox
from simulator import create_app
from simulator.acces.reassort import demander_reassort
from simulator.asgi.server import free_port
from simulator.clock import Clock
from simulator.courrier.outbox import OutboxSender
from simulator.mailsink import MailSink
from simulator.storage import Database
from tests.conftest import Portail, make_settings


def _wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition jamais remplie"
        time.sleep(0.05)


def _outbox(db: Database) -> list[dict[str, object]]:
    return [dict(r) for r in db.reader().execute("SELECT * FROM outbox ORDER BY id")]


def test_smtp_refusing_451_then_recovering_delivers_once(
    portail: Portail, sink: MailSink, mailbox: Mailbox, db: Database
) -> None:
    """While the sink answers 451 the mail waits with its error; afterwards it arrives once."""
    sink.chaos.configure({"Recipient": {"ErrorCode": 451, "Probability": 100}})
    electeur = portail.creer_electeur("nouveau")
    portail.demander_reassort(electeur["email"])
    _wait_until(lambda: int(_outbox(db)[0]["attempts"]) >= 2)  # type: ignore[call-overload]
    row = _outbox(db)[0]
    assert row["sent_at"] is None and "451" in str(row["last_error"])
    assert mailbox.messages_to(electeur["email"]) == []
    sink.chaos.configure({})
    mailbox.wait_for_mail(electeur["email"])
    # The portal's own event: once the row is marked sent, the sender never takes it again.
    _wait_until(lambda: _outbox(db)[0]["sent_at"] is not None)
    # A sentinel queued after: the one sender delivers in turn, so when the sentinel has
    # arrived any send of the first mail begun before its marking has arrived too.
    sentinelle = portail.creer_electeur("nouveau")
    portail.demander_reassort(sentinelle["email"])
    mailbox.wait_for_mail(sentinelle["email"])
    assert len(mailbox.messages_to(electeur["email"])) == 1


def test_smtp_down_then_up_delivers(tmp_path: Path) -> None:
    """With no SMTP server at all the mail waits; once one listens on the port, it arrives."""
    port = free_port()
    settings = make_settings(tmp_path, port)
    with TestClient(create_app(settings), follow_redirects=True) as client:
        portail = Portail(client)
        electeur = portail.creer_electeur("nouveau")
        portail.demander_reassort(electeur["email"])
        db = Database(settings.db_path)
        _wait_until(lambda: "injoignable" in str(_outbox(db)[0]["last_error"]))
        late_sink = MailSink(smtp_port=port).start()
        try:
            box = Mailbox(late_sink.api_url)
            assert box.wait_for_mail(electeur["email"]).links()
            box.close()
        finally:
            late_sink.stop()


def test_kept_connection_closed_by_the_server_is_reopened_at_once(tmp_path: Path) -> None:
    """The sender keeps its SMTP connection between mails; if the server dropped it
    meanwhile, the next mail goes out on a new one at the first try, not after a retry."""
    port = free_port()
    # A long poll: the sender has no idle moment in which to let the connection go.
    settings = make_settings(tmp_path, port, outbox_poll_seconds=30.0)

    def reassort_reaches_a_new_sink(portail: Portail, email: str) -> None:
        sink = MailSink(smtp_port=port).start()  # stopped after: the connection dies
        try:
            portail.demander_reassort(email)
            box = Mailbox(sink.api_url)
            box.wait_for_mail(email)
            box.close()
        finally:
            sink.stop()

    with TestClient(create_app(settings), follow_redirects=True) as client:
        portail = Portail(client)
        reassort_reaches_a_new_sink(portail, portail.creer_electeur("nouveau")["email"])
        reassort_reaches_a_new_sink(portail, portail.creer_electeur("nouveau")["email"])
        row = _outbox(Database(settings.db_path))[1]
        assert row["last_error"] is None and row["attempts"] == 1, row


def test_queued_mail_survives_a_restart(tmp_path: Path, sink: MailSink, mailbox: Mailbox) -> None:
    """A mail committed by a portal whose sender never ran goes out after a restart."""
    settings = make_settings(tmp_path, sink.smtp_port, outbox_enabled=False)
    with TestClient(create_app(settings), follow_redirects=True) as client:
        portail = Portail(client)
        electeur = portail.creer_electeur("nouveau")
        portail.demander_reassort(electeur["email"])
    assert mailbox.messages_to(electeur["email"]) == []
    restarted = make_settings(tmp_path, sink.smtp_port)
    with TestClient(create_app(restarted)):
        mailbox.wait_for_mail(electeur["email"])


def test_two_senders_on_one_database_send_each_mail_once(
    tmp_path: Path, sink: MailSink, mailbox: Mailbox
) -> None:
    """Two worker processes' senders share the outbox; leases keep every mail single."""
    settings = make_settings(tmp_path, sink.smtp_port)
    db = Database(settings.db_path)
    clock = Clock(db)
    portail_settings = make_settings(tmp_path, sink.smtp_port, outbox_enabled=False)
    with TestClient(create_app(portail_settings)) as client:
        emails = [Portail(client).creer_electeur("nouveau")["email"] for _ in range(30)]
    for email in emails:
        demander_reassort(db, clock, settings, email, "127.0.0.1")
    senders = [OutboxSender(Database(settings.db_path), clock, settings) for _ in range(2)]
    for sender in senders:
        sender.start()
    try:
        _wait_until(lambda: all(r["sent_at"] for r in _outbox(db)))
    finally:
        for sender in senders:
            sender.stop()
    delivered = [m["To"][0]["Address"] for m in mailbox.all_messages()]
    assert sorted(delivered) == sorted(emails)


def test_chaos_delay_makes_the_mail_arrive_late(portail: Portail, mailbox: Mailbox) -> None:
    """With a delivery delay the mail is accepted but shows in the mailbox only later."""
    delay = 0.6
    assert mailbox.set_chaos(retard_s=delay).status_code == 200
    electeur = portail.creer_electeur("nouveau")
    asked = time.monotonic()
    portail.demander_reassort(electeur["email"])
    mailbox.wait_for_mail(electeur["email"])
    assert time.monotonic() - asked >= delay
