"""Durable outbox delivery: mails committed to SQLite are sent over SMTP by a background
thread, with retries and exponential backoff; nothing is lost if SMTP is down or refuses.
"""

from __future__ import annotations

import logging
import random
import smtplib
import threading
from email.message import EmailMessage
from email.utils import formatdate

from simulator.clock import Clock
from simulator.settings import Settings
from simulator.storage import (
    Database,
    OutgoingMail,
    claim_due_mails,
    mark_mail_failed,
    mark_mail_retry,
    mark_mail_sent,
)

log = logging.getLogger("simulator.outbox")

BATCH = 20
# A claimed mail is the sender's for this long; past it, another sender may take it.
LEASE_SECONDS = 60.0
SMTP_TIMEOUT = 20.0


def build_message(mail: OutgoingMail, sender: str) -> EmailMessage:
    """The RFC 5322 message of an outbox row; its Message-ID is fixed by the row."""
    message = EmailMessage()
    message["From"] = f"Portail Élections <{sender}>"
    message["To"] = mail.recipient
    message["Subject"] = mail.subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = f"<{mail.message_id}>"
    message.set_content(mail.text_body, charset="utf-8")
    message.add_alternative(mail.html_body, subtype="html", charset="utf-8")
    return message


def backoff(attempts: int, ceiling: float) -> float:
    """Delay before the next try: 1 s, 2 s, 4 s… up to the ceiling, with ±20 % jitter."""
    base: float = min(ceiling, 2.0 ** max(attempts - 1, 0))
    return base * random.uniform(0.8, 1.2)


class OutboxSender:
    """Background thread delivering due outbox mails; `wake()` makes it look at once."""

    def __init__(self, db: Database, clock: Clock, settings: Settings) -> None:
        self._db = db
        self._clock = clock
        self._settings = settings
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="outbox", daemon=True)

    def start(self) -> None:
        """Start delivering."""
        self._thread.start()

    def stop(self) -> None:
        """Finish the current batch and stop."""
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout=SMTP_TIMEOUT + 5)

    def wake(self) -> None:
        """A mail was just committed: deliver it without waiting for the next poll."""
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                delivered_any = self.deliver_due()
            except Exception:  # the sender must outlive any single bad batch
                log.exception("échec inattendu de l'envoi des mails")
                delivered_any = False
            if not delivered_any:
                self._wake.wait(self._settings.outbox_poll_seconds)
                self._wake.clear()

    def deliver_due(self) -> bool:
        """Send one batch of due mails; return True if there was anything to send."""
        now = self._clock.now()
        with self._db.transaction() as conn:
            batch = claim_due_mails(conn, now, LEASE_SECONDS, BATCH)
        if not batch:
            return False
        try:
            smtp = smtplib.SMTP(
                self._settings.smtp_host, self._settings.smtp_port, timeout=SMTP_TIMEOUT
            )
        except OSError as exc:
            for mail in batch:
                self._retry(mail, f"serveur SMTP injoignable : {exc}")
            return False
        with smtp:
            for mail in batch:
                self._send_one(smtp, mail)
        return True

    def _send_one(self, smtp: smtplib.SMTP, mail: OutgoingMail) -> None:
        message = build_message(mail, self._settings.mail_from)
        try:
            smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            code, reply = next(iter(exc.recipients.values()))
            self._refused(mail, code, reply)
        except smtplib.SMTPResponseException as exc:
            self._refused(mail, exc.smtp_code, exc.smtp_error)
        except (smtplib.SMTPException, OSError) as exc:
            self._retry(mail, f"envoi interrompu : {exc}")
        else:
            with self._db.transaction() as conn:
                mark_mail_sent(conn, mail.id, self._clock.now())

    def _refused(self, mail: OutgoingMail, code: int, reply: bytes | str) -> None:
        text = reply.decode(errors="replace") if isinstance(reply, bytes) else reply
        if 400 <= code < 500:
            self._retry(mail, f"{code} {text}")
            return
        log.warning("mail %s refusé définitivement (%s)", mail.message_id, code)
        with self._db.transaction() as conn:
            mark_mail_failed(conn, mail.id, self._clock.now(), f"{code} {text}")

    def _retry(self, mail: OutgoingMail, error: str) -> None:
        delay = backoff(mail.attempts + 1, self._settings.outbox_max_backoff_seconds)
        with self._db.transaction() as conn:
            mark_mail_retry(conn, mail.id, self._clock.now() + delay, error)
