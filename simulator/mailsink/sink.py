"""The whole sink: SMTP listener and HTTP API sharing one message store."""

from __future__ import annotations

from dataclasses import dataclass, field

from aiosmtpd.controller import Controller

from simulator.asgi.server import ServerThread, free_port
from simulator.mailsink.api import create_mail_api
from simulator.mailsink.chaos import Chaos
from simulator.mailsink.smtp import start_smtp
from simulator.mailsink.store import MessageStore


@dataclass
class MailSink:
    """Start with `start()`; ports of 0 are replaced by free ones."""

    host: str = "127.0.0.1"
    smtp_port: int = 0
    api_port: int = 0
    store: MessageStore = field(default_factory=MessageStore)
    chaos: Chaos = field(default_factory=Chaos)
    _smtp: Controller | None = None
    _api: ServerThread | None = None

    def start(self) -> MailSink:
        """Start the SMTP listener and the API; return once both accept connections."""
        if self.smtp_port == 0:
            self.smtp_port = free_port(self.host)
        self._smtp = start_smtp(self.store, self.chaos, self.host, self.smtp_port)
        self._api = ServerThread(self.host, self.api_port)
        self._api.start(create_mail_api(self.store, self.chaos))
        self.api_port = self._api.port
        return self

    @property
    def api_url(self) -> str:
        """Base URL of the mail API."""
        return f"http://{self.host}:{self.api_port}"

    def stop(self) -> None:
        """Stop both listeners."""
        if self._api is not None:
            self._api.stop()
        if self._smtp is not None:
            self._smtp.stop()
