"""The SMTP side of the sink (aiosmtpd), failing on purpose when the chaos says so."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiosmtpd.controller import Controller

from simulator.mailsink.chaos import Chaos
from simulator.mailsink.store import MessageStore, StoredMessage


class SinkHandler:
    """aiosmtpd handler: applies chaos at RCPT, stores the parsed message at DATA."""

    def __init__(self, store: MessageStore, chaos: Chaos) -> None:
        self.store = store
        self.chaos = chaos

    def _accept(self, stage: str, accept: Callable[[], None]) -> str:
        """The chaos refusal of this SMTP stage if its trigger fires; else accept, 250."""
        code = self.chaos.refuse(stage)
        if code is not None:
            return _refusal(code)
        accept()
        return "250 OK"

    async def handle_MAIL(
        self, server: Any, session: Any, envelope: Any, address: str, mail_options: list[str]
    ) -> str:
        """Accept a sender, or refuse it when the `Sender` trigger fires."""

        def accept() -> None:
            envelope.mail_from = address
            envelope.mail_options.extend(mail_options)

        return self._accept("Sender", accept)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        """Accept a recipient, or refuse it when the `Recipient` trigger fires."""
        return self._accept("Recipient", lambda: envelope.rcpt_tos.append(address))

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        """Store the message once it has fully arrived (held back by the chaos delay)."""
        raw = envelope.original_content or envelope.content
        message = StoredMessage.parse(bytes(raw), list(envelope.rcpt_tos))
        self.store.add(message, hold_seconds=self.chaos.delay_seconds)
        return "250 Message accepté"


def _refusal(code: int) -> str:
    kind = "temporaire" if code < 500 else "définitive"
    return f"{code} Erreur {kind} simulée (chaos)"


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
