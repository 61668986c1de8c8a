"""The SMTP side of the sink (aiosmtpd), with Mailpit-style chaos switches."""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass
from typing import Any

from aiosmtpd.controller import Controller

from simulator.mailsink.store import MessageStore, StoredMessage


@dataclass
class Chaos:
    """Faults to inject: a share of recipients refused with 451, and a delivery delay
    (the mail is accepted at once but shows in the mailbox only after the delay)."""

    refuse_ratio: float = 0.0
    delay_seconds: float = 0.0


class SinkHandler:
    """aiosmtpd handler: applies chaos at RCPT, stores the parsed message at DATA."""

    def __init__(self, store: MessageStore, chaos: Chaos) -> None:
        self.store = store
        self.chaos = chaos
        self._random = random.Random()
        self._lock = threading.Lock()

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        """Accept a recipient, or refuse it temporarily when chaos says so."""
        with self._lock:
            refuse = self._random.random() < self.chaos.refuse_ratio
        if refuse:
            return "451 4.3.0 Erreur temporaire simulée (chaos), réessayez plus tard"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        """Store the message once it has fully arrived (held back by the chaos delay)."""
        raw = envelope.original_content or envelope.content
        message = StoredMessage.parse(bytes(raw), list(envelope.rcpt_tos))
        self.store.add(message, hold_seconds=self.chaos.delay_seconds)
        return "250 Message accepté"


def start_smtp(store: MessageStore, chaos: Chaos, host: str, port: int) -> Controller:
    """Start aiosmtpd's threaded controller on an explicit port (it cannot bind port 0)."""
    controller = Controller(
        SinkHandler(store, chaos),
        hostname=host,
        port=port,
        # Named, not looked up: otherwise aiosmtpd calls getfqdn() for every connection.
        server_hostname="puits.elections.localhost",
        decode_data=False,
        # SMTPUTF8 lets the portal send accented local parts if a roll ever has them.
        enable_SMTPUTF8=True,
        ready_timeout=10,
    )
    controller.start()
    return controller
