"""Messages caught by the sink, parsed once, searchable the way Mailpit searches."""

from __future__ import annotations

import secrets
import shlex
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import getaddresses
from typing import Any


@dataclass(frozen=True)
class Address:
    """A mailbox: display name and address."""

    name: str
    address: str

    def as_json(self) -> dict[str, str]:
        """Mailpit's shape for an address."""
        return {"Name": self.name, "Address": self.address}


def _addresses(values: list[str]) -> list[Address]:
    return [Address(name, addr.lower()) for name, addr in getaddresses(values) if addr]


def _body(message: EmailMessage, subtype: str) -> str:
    part = message.get_body(preferencelist=(subtype,))
    if part is None:
        return ""
    content = part.get_content()
    return content if isinstance(content, str) else ""


@dataclass(frozen=True)
class StoredMessage:
    """One caught mail, with envelope recipients and parsed parts."""

    id: str
    message_id: str
    sender: Address
    to: list[Address]
    cc: list[Address]
    subject: str
    text: str
    html: str
    size: int
    created: datetime
    raw: bytes = field(repr=False)

    @classmethod
    def parse(cls, raw: bytes, envelope_to: list[str]) -> StoredMessage:
        """Parse raw RFC 5322 bytes; envelope recipients stand in for a missing To header."""
        message = message_from_bytes(raw, policy=policy.default)
        assert isinstance(message, EmailMessage)
        to = _addresses(message.get_all("To", [])) or _addresses(envelope_to)
        senders = _addresses(message.get_all("From", []))
        return cls(
            id=secrets.token_urlsafe(16),
            message_id=str(message.get("Message-ID", "")).strip("<>"),
            sender=senders[0] if senders else Address("", ""),
            to=to,
            cc=_addresses(message.get_all("Cc", [])),
            subject=str(message.get("Subject", "")),
            text=_body(message, "plain"),
            html=_body(message, "html"),
            size=len(raw),
            created=datetime.now(UTC),
            raw=raw,
        )

    def summary(self) -> dict[str, Any]:
        """Mailpit's message-list entry."""
        return {
            "ID": self.id,
            "MessageID": self.message_id,
            "Read": False,
            "From": self.sender.as_json(),
            "To": [a.as_json() for a in self.to],
            "Cc": [a.as_json() for a in self.cc],
            "Bcc": [],
            "ReplyTo": [],
            "Subject": self.subject,
            "Created": self.created.isoformat().replace("+00:00", "Z"),
            "Tags": [],
            "Size": self.size,
            "Attachments": 0,
            "Snippet": " ".join(self.text.split())[:250],
        }

    def detail(self) -> dict[str, Any]:
        """Mailpit's full-message shape."""
        summary = self.summary()
        return {
            "ID": self.id,
            "MessageID": self.message_id,
            "From": summary["From"],
            "To": summary["To"],
            "Cc": summary["Cc"],
            "Bcc": [],
            "ReplyTo": [],
            "ReturnPath": self.sender.address,
            "Subject": self.subject,
            "Date": summary["Created"],
            "Tags": [],
            "Text": self.text,
            "HTML": self.html,
            "Size": self.size,
            "Inline": [],
            "Attachments": [],
        }

    def matches(self, term: str) -> bool:
        """One search term: `to:`, `from:`, `subject:` or free text, case-insensitive."""
        key, _, value = term.partition(":")
        key, value = key.lower(), value.lower()
        if value and key == "to":
            recipients = (*self.to, *self.cc)
            if "@" in value:  # a whole address matches exactly: a.dupont is not ma.dupont
                return any(value == a.address for a in recipients)
            return any(value in a.address for a in recipients)
        if value and key == "from":
            return value in self.sender.address
        if value and key == "subject":
            return value in self.subject.lower()
        needle = term.lower()
        return needle in self.subject.lower() or needle in self.text.lower()


class MessageStore:
    """Thread-safe store of caught messages, newest first when listed, indexed by ID and by
    recipient so that tests and load runs polling for one address stay cheap.

    A message may be held back for a while after SMTP accepted it: that is how the
    chaos delay simulates a mail that reaches the mailbox late.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._messages: list[tuple[float, StoredMessage]] = []
        self._by_id: dict[str, tuple[float, StoredMessage]] = {}
        self._by_recipient: dict[str, list[tuple[float, StoredMessage]]] = {}

    def add(self, message: StoredMessage, hold_seconds: float = 0.0) -> None:
        """Keep a caught message, visible after `hold_seconds`."""
        entry = (time.monotonic() + hold_seconds, message)
        with self._lock:
            self._index(entry)

    def _index(self, entry: tuple[float, StoredMessage]) -> None:
        message = entry[1]
        self._messages.append(entry)
        self._by_id[message.id] = entry
        for address in {a.address for a in (*message.to, *message.cc)}:
            self._by_recipient.setdefault(address, []).append(entry)

    def newest_first(self) -> list[StoredMessage]:
        """All visible messages, the newest first (as Mailpit lists them)."""
        now = time.monotonic()
        with self._lock:
            return [m for visible_at, m in reversed(self._messages) if visible_at <= now]

    def get(self, message_id: str) -> StoredMessage | None:
        """One visible message by ID, or the newest for `latest`."""
        if message_id == "latest":
            messages = self.newest_first()
            return messages[0] if messages else None
        with self._lock:
            entry = self._by_id.get(message_id)
        if entry is None or entry[0] > time.monotonic():
            return None
        return entry[1]

    def search(self, query: str) -> list[StoredMessage]:
        """Messages matching every term of a Mailpit-style query, newest first."""
        try:
            terms = shlex.split(query)
        except ValueError:
            terms = query.split()
        address = next(
            (t[3:].lower() for t in terms if t.lower().startswith("to:") and "@" in t), None
        )
        if address is None:
            candidates = self.newest_first()
        else:
            # A whole address: answer from the recipient index, not a scan of every mail.
            now = time.monotonic()
            with self._lock:
                entries = list(self._by_recipient.get(address, ()))
            candidates = [m for visible_at, m in reversed(entries) if visible_at <= now]
        return [m for m in candidates if all(m.matches(t) for t in terms)]

    def delete(self, ids: list[str] | None = None) -> None:
        """Delete the given messages, or all of them."""
        with self._lock:
            kept = [] if ids is None else [(v, m) for v, m in self._messages if m.id not in ids]
            self._messages, self._by_id, self._by_recipient = [], {}, {}
            for entry in kept:
                self._index(entry)
