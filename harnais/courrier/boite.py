"""One mail client for the whole harness, over a transport: the Mailpit API or IMAP.

Steps, HTTP tests and Locust personas all read mail through `BoiteMail`; only how a
mailbox is searched and read differs (harnais/courrier/mailpit.py, imap.py).
"""

from __future__ import annotations

import time
from typing import Any, Protocol

from harnais.courrier.attentes import Attentes
from harnais.courrier.mail import Mail, MailboxTimeout


class TransportCourrier(Protocol):
    """How a mailbox is searched and read."""

    def chercher(self, adresse: str, attente_s: float) -> list[dict[str, Any]]:
        """Summaries (Mailpit's shape: `ID`, `Subject`, `To`…) of the mails to exactly
        this address, newest first. With `attente_s`, a transport that can hold the
        search until a first mail lands does so (the reference sink); others answer
        at once."""
        ...

    def lire(self, identifiant: str) -> Mail:
        """One mail in full."""
        ...

    def fermer(self) -> None:
        """Release the connection."""
        ...


class BoiteMail:
    """Waits, bounded, for the newest mail to an address; reads it."""

    def __init__(self, transport: TransportCourrier, timeout: float | None = None) -> None:
        self.transport = transport
        self.attentes = Attentes.depuis_environnement()
        self.timeout = self.attentes.scenario_s if timeout is None else timeout

    def messages_to(self, address: str, wait: float = 0.0) -> list[dict[str, Any]]:
        """Summaries of the mails to an address, newest first (see `TransportCourrier`)."""
        return self.transport.chercher(address, min(wait, self.attentes.tenue_max_s))

    def count(self, address: str) -> int:
        """How many mails reached this address so far."""
        return len(self.messages_to(address))

    def read(self, message_id: str) -> Mail:
        """One mail in full."""
        return self.transport.lire(message_id)

    def wait_for_mail(
        self, address: str, *, newer_than: int = 0, timeout: float | None = None
    ) -> Mail:
        """Wait until more than `newer_than` mails reached `address`; return the newest.

        The first mail is awaited inside the sink (`wait=`) where the transport can, so it
        is seen the moment it lands; otherwise, and for later mails, this polls.
        """
        limit = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        delay = 0.05
        while True:
            left = max(deadline - time.monotonic(), 0.0)
            found = self.messages_to(address, wait=left if newer_than == 0 else 0.0)
            if len(found) > newer_than:
                return self.read(str(found[0]["ID"]))
            if time.monotonic() > deadline:
                raise MailboxTimeout(
                    f"aucun nouveau mail pour {address} après {limit:.0f} s "
                    f"({len(found)} mail(s) déjà reçu(s))"
                )
            time.sleep(delay)
            delay = min(delay * 2, 0.5)

    def close(self) -> None:
        """Release the transport's connection."""
        self.transport.fermer()
