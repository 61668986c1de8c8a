"""The outbox table: mails committed with the request, leased, sent, retried, failed.

A mail's bodies are erased once it is delivered (or refused for good): a réassort link's
token or a reissued code de vote must not stay readable in the database after it has
gone (issue #21, attack 4). Recipient, subject, times and status stay, for the record.
Until then the bodies are kept, so that nothing is lost if the process dies first."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

# What a mail keeps of its bodies once it has gone (the columns are NOT NULL).
_OUBLI = "text_body = '', html_body = ''"


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
        f" last_error = NULL, {_OUBLI} WHERE id = ?",
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
    """Record a permanent refusal (5xx): the mail is not tried again, and its secrets
    serve no one but a reader of the database."""
    conn.execute(
        "UPDATE outbox SET attempts = attempts + 1, failed_at = ?, lease_until = NULL,"
        f" last_error = ?, {_OUBLI} WHERE id = ?",
        (now, error, mail_id),
    )
