"""Durable outbox delivery: mails committed to SQLite are sent over SMTP by a background
thread, with retries and exponential backoff; nothing is lost if SMTP is down or refuses.
"""

from __future__ import annotations

import logging
import random
import smtplib
import threading
from email.charset import QP, Charset
from email.header import Header
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.policy import compat32
from email.utils import formataddr, formatdate

from simulator.clock import Clock
from simulator.settings import Settings
from simulator.storage import Database
from simulator.storage.outbox import (
    OutgoingMail,
    claim_due_mails,
    mark_mail_failed,
    mark_mail_retry,
    mark_mail_sent,
)

log = logging.getLogger("simulator.courrier.outbox")

BATCH = 20
# A claimed mail is the sender's for this long; past it, another sender may take it.
LEASE_SECONDS = 60.0
SMTP_TIMEOUT = 20.0
# How the portal names itself in EHLO; without it smtplib calls getfqdn() on each connect.
EHLO_NAME = "portail.elections.localhost"


# smtplib sends bytes as they are: the lines must already end in CRLF.
SMTP_POLICY = compat32.clone(linesep="\r\n")


def _text_part(body: str, subtype: str) -> MIMENonMultipart:
    charset = Charset("utf-8")
    charset.body_encoding = QP  # readable in a raw dump, unlike utf-8's default base64
    part = MIMENonMultipart("text", subtype)
    part.set_payload(body, charset)
    return part


def build_message(mail: OutgoingMail, sender: str) -> bytes:
    """The RFC 5322 bytes of an outbox row, text and HTML; its Message-ID is the row's.

    Built with the compat32 classes: the same MIME as the modern API for three times
    less CPU, which the sender spends in a portal worker at tens of mails per second.
    """
    message = MIMEMultipart("alternative")
    message["From"] = formataddr(("Portail Élections", sender), charset="utf-8")
    message["To"] = mail.recipient
    # A Header object, not its encoded text, so it is folded once (typeshed wants a str).
    message["Subject"] = Header(mail.subject, "utf-8")  # type: ignore[assignment]
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = f"<{mail.message_id}>"
    message.attach(_text_part(mail.text_body, "plain"))
    message.attach(_text_part(mail.html_body, "html"))
    return message.as_bytes(policy=SMTP_POLICY)


def backoff(attempts: int, ceiling: float) -> float:
    """Delay before the next try: 1 s, 2 s, 4 s… up to the ceiling, with ±20 % jitter."""
    base: float = min(ceiling, 2.0 ** max(attempts - 1, 0))
    return base * random.uniform(0.8, 1.2)


class OutboxSender:
    """Background thread delivering due outbox mails; `wake()` makes it look at once.

    One SMTP connection is kept while mails keep coming and closed once the outbox is
    idle: at the opening peak a connection per mail would cost more than the mail.
    """

    def __init__(self, db: Database, clock: Clock, settings: Settings) -> None:
        self._db = db
        self._clock = clock
        self._settings = settings
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="outbox", daemon=True)
        self._smtp: smtplib.SMTP | None = None

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
                if not self._wake.wait(self._settings.outbox_poll_seconds):
                    self._disconnect()  # a whole poll without mail: let the server go
                self._wake.clear()
        self._disconnect()

    def deliver_due(self) -> bool:
        """Send one batch of due mails; return True if there was anything to send."""
        now = self._clock.now()
        with self._db.transaction() as conn:
            batch = claim_due_mails(conn, now, LEASE_SECONDS, BATCH)
        if not batch:
            return False
        for position, mail in enumerate(batch):
            if not self._send_one(mail):
                for waiting in batch[position + 1 :]:
                    self._retry(waiting, "serveur SMTP injoignable")
                return False
        return True

    def _connect(self) -> smtplib.SMTP:
        if self._smtp is None:
            self._smtp = smtplib.SMTP(
                self._settings.smtp_host,
                self._settings.smtp_port,
                local_hostname=EHLO_NAME,
                timeout=SMTP_TIMEOUT,
            )
        return self._smtp

    def _disconnect(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()

    def _send_one(self, mail: OutgoingMail) -> bool:
        """Send one mail; False when the server cannot be reached (the mail will wait)."""
        message = build_message(mail, self._settings.mail_from)
        reused = self._smtp is not None
        try:
            smtp = self._connect()
        except (smtplib.SMTPException, OSError) as exc:
            self._retry(mail, f"serveur SMTP injoignable : {exc}")
            return False
        try:
            try:
                smtp.sendmail(self._settings.mail_from, [mail.recipient], message)
            except smtplib.SMTPServerDisconnected:
                if not reused:
                    raise
                # The kept connection was closed by the server meanwhile: one new try.
                self._disconnect()
                self._connect().sendmail(self._settings.mail_from, [mail.recipient], message)
        except smtplib.SMTPRecipientsRefused as exc:
            code, reply = next(iter(exc.recipients.values()))
            self._refused(mail, code, reply)
        except smtplib.SMTPResponseException as exc:
            self._refused(mail, exc.smtp_code, exc.smtp_error)
        except (smtplib.SMTPException, OSError) as exc:
            self._disconnect()
            self._retry(mail, f"envoi interrompu : {exc}")
        else:
            with self._db.transaction() as conn:
                mark_mail_sent(conn, mail.id, self._clock.now())
        return True

    def _refused(self, mail: OutgoingMail, code: int, reply: bytes | str) -> None:
        text = reply.decode(errors="replace") if isinstance(reply, bytes) else reply
        if 400 <= code < 500:
            self._retry(mail, f"{code} {text}")
            return
        log.warning("mail %s refusé définitivement (%s %s)", mail.message_id, code, text)
        with self._db.transaction() as conn:
            mark_mail_failed(conn, mail.id, self._clock.now(), f"{code} {text}")

    def _retry(self, mail: OutgoingMail, error: str) -> None:
        delay = backoff(mail.attempts + 1, self._settings.outbox_max_backoff_seconds)
        with self._db.transaction() as conn:
            mark_mail_retry(conn, mail.id, self._clock.now() + delay, error)
