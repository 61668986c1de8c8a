"""Messages caught by the sink, parsed once, searchable the way Mailpit searches."""

from __future__ import annotations

import re
import secrets
import shlex
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes
from email.header import decode_header, make_header
from email.message import Message
from email.utils import getaddresses
from typing import Any, NamedTuple

from simulator.mailsink.arrivals import Arrivals


def iso_utc(instant: datetime) -> str:
    """An instant in ISO 8601 UTC with a `Z`, as Mailpit's `Created` gives it."""
    return instant.astimezone(UTC).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Address:
    """A mailbox: display name and address."""

    name: str
    address: str

    def as_json(self) -> dict[str, str]:
        """Mailpit's shape for an address."""
        return {"Name": self.name, "Address": self.address}


# The sink parses with the compat32 policy and decodes what it shows by hand: the
# modern policy's header objects cost ten times more, and a load run sends tens of mails
# per second through this process.


def _decoded(value: str) -> str:
    """A header value with its RFC 2047 encoded words decoded."""
    try:
        return str(make_header(decode_header(value)))
    except (ValueError, LookupError):  # a malformed encoded word is shown as it came
        return value


def _addresses(values: list[str]) -> list[Address]:
    return [Address(_decoded(name), addr.lower()) for name, addr in getaddresses(values) if addr]


def _bodies(message: Message) -> tuple[str, str]:
    """The first text/plain and text/html parts, decoded (attachments are not bodies)."""
    found: dict[str, str] = {}
    for part in message.walk():
        subtype = part.get_content_subtype()
        if part.get_content_maintype() != "text" or subtype in found:
            continue
        if subtype not in ("plain", "html") or part.get_filename() is not None:
            continue
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            charset = part.get_content_charset() or "utf-8"
            try:
                found[subtype] = payload.decode(charset, errors="replace")
            except LookupError:  # unknown charset: show what utf-8 can make of it
                found[subtype] = payload.decode("utf-8", errors="replace")
    return found.get("plain", ""), found.get("html", "")


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
    list_unsubscribe: str = ""
    list_unsubscribe_post: str = ""

    @classmethod
    def parse(cls, raw: bytes, envelope_to: list[str]) -> StoredMessage:
        """Parse raw RFC 5322 bytes; envelope recipients stand in for a missing To header."""
        message = message_from_bytes(raw)
        to = _addresses(message.get_all("To", [])) or _addresses(envelope_to)
        senders = _addresses(message.get_all("From", []))
        text, html = _bodies(message)
        return cls(
            id=secrets.token_urlsafe(16),
            message_id=str(message.get("Message-ID", "")).strip().strip("<>"),
            sender=senders[0] if senders else Address("", ""),
            to=to,
            cc=_addresses(message.get_all("Cc", [])),
            subject=_decoded(str(message.get("Subject", ""))),
            text=text,
            html=html,
            size=len(raw),
            created=datetime.now(UTC),
            raw=raw,
            list_unsubscribe=_decoded(str(message.get("List-Unsubscribe", ""))).strip(),
            list_unsubscribe_post=str(message.get("List-Unsubscribe-Post", "")).strip(),
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
            "Created": iso_utc(self.created),
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
            "ListUnsubscribe": {
                "Header": self.list_unsubscribe,
                # The header lists its URIs between angle brackets (RFC 2369).
                "Links": re.findall(r"<([^>]*)>", self.list_unsubscribe),
                "Errors": "",
                "HeaderPost": self.list_unsubscribe_post,
            },
            "Date": summary["Created"],
            "Tags": [],
            "Text": self.text,
            "HTML": self.html,
            "Size": self.size,
            "Inline": [],
            "Attachments": [],
            # The SMTP AUTH user name: the sink accepts mail without authentication.
            "Username": "",
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


def _terms(query: str) -> list[str]:
    try:
        return shlex.split(query)
    except ValueError:
        return query.split()


def recipient_of(query: str) -> str | None:
    """The whole address a query's `to:` term names, if it names one."""
    terms = _terms(query)
    return next((t[3:].lower() for t in terms if t.lower().startswith("to:") and "@" in t), None)


class Lookup(NamedTuple):
    """A search's answer, and the seconds until the next held mail it could wait for."""

    found: list[StoredMessage]
    next_release: float | None


class MessageStore:
    """Thread-safe store of caught messages, newest first when listed, indexed by ID and by
    recipient so that tests and load runs polling for one address stay cheap.

    A message may be held back for a while after SMTP accepted it: that is how the
    chaos delay simulates a mail that reaches the mailbox late.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        # The clock is a parameter so that a test can step it across a release instant.
        self._clock = clock
        self._lock = threading.Lock()
        self.arrivals = Arrivals()
        self._messages: list[tuple[float, StoredMessage]] = []
        self._by_id: dict[str, tuple[float, StoredMessage]] = {}
        self._by_recipient: dict[str, list[tuple[float, StoredMessage]]] = {}
        # Messages still held back by the chaos delay (few): counting stays O(held).
        self._held: list[tuple[float, StoredMessage]] = []

    def add(self, message: StoredMessage, hold_seconds: float = 0.0) -> None:
        """Keep a caught message, visible after `hold_seconds`."""
        entry = (self._clock() + hold_seconds, message)
        with self._lock:
            self._index(entry)
            if hold_seconds > 0:
                self._held.append(entry)
        self.arrivals.announce({a.address for a in (*message.to, *message.cc)}, hold_seconds)

    def count(self) -> int:
        """How many messages are visible, without listing them (every search reports it)."""
        now = self._clock()
        with self._lock:
            self._held = [entry for entry in self._held if entry[0] > now]
            return len(self._messages) - len(self._held)

    def _index(self, entry: tuple[float, StoredMessage]) -> None:
        message = entry[1]
        self._messages.append(entry)
        self._by_id[message.id] = entry
        for address in {a.address for a in (*message.to, *message.cc)}:
            self._by_recipient.setdefault(address, []).append(entry)

    def newest_first(self) -> list[StoredMessage]:
        """All visible messages, the newest first (as Mailpit lists them)."""
        now = self._clock()
        with self._lock:
            return [m for visible_at, m in reversed(self._messages) if visible_at <= now]

    def get(self, message_id: str) -> StoredMessage | None:
        """One visible message by ID, or the newest for `latest`."""
        if message_id == "latest":
            messages = self.newest_first()
            return messages[0] if messages else None
        with self._lock:
            entry = self._by_id.get(message_id)
        if entry is None or entry[0] > self._clock():
            return None
        return entry[1]

    def search(self, query: str) -> list[StoredMessage]:
        """Messages matching every term of a Mailpit-style query, newest first."""
        return self.lookup(query).found

    def lookup(self, query: str) -> Lookup:
        """What `search` finds, and when the next mail still held for the query's
        recipient (or any, without a `to:` address) shows.

        Both are read at one instant under the lock, so a mail is always in one or the
        other: read at two instants, a mail released in between was in neither, and a
        waiting search slept to its deadline.
        """
        terms = _terms(query)
        address = recipient_of(query)
        with self._lock:
            now = self._clock()
            if address is None:
                entries = list(self._messages)
                held = [visible_at for visible_at, _ in self._held]
            else:
                # A whole address: answer from the recipient index, not a scan of every mail.
                entries = list(self._by_recipient.get(address, ()))
                held = [visible_at for visible_at, _ in entries]
        candidates = [m for visible_at, m in reversed(entries) if visible_at <= now]
        found = [m for m in candidates if all(m.matches(t) for t in terms)]
        release = min((v - now for v in held if v > now), default=None)
        return Lookup(found, release)

    def delete(self, ids: list[str] | None = None) -> None:
        """Delete the given messages, or all of them."""
        gone = None if ids is None else set(ids)
        with self._lock:
            kept = [] if gone is None else [e for e in self._messages if e[1].id not in gone]
            self._messages, self._by_id, self._by_recipient = [], {}, {}
            for entry in kept:
                self._index(entry)
            self._held = [entry for entry in self._held if entry[1].id in self._by_id]
