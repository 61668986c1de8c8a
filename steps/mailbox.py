"""Reads mails through a Mailpit-compatible API (the sink's, or a real Mailpit's)."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

import httpx

LINK = re.compile(r"https?://[^\s<>\"']+")


@dataclass(frozen=True)
class Mail:
    """A mail as the API returns it, with the parts tests look at."""

    id: str
    subject: str
    to: list[str]
    text: str
    html: str

    def links(self) -> list[str]:
        """Every URL in the text part, in order."""
        return LINK.findall(self.text)


class MailboxTimeout(AssertionError):
    """No mail arrived within the wait."""


class Mailbox:
    """A client of the mail API that waits, bounded, for the newest mail to an address."""

    def __init__(self, api_url: str, timeout: float = 10.0) -> None:
        self.api_url = api_url.rstrip("/")
        self.timeout = timeout
        self._http = httpx.Client(base_url=self.api_url, timeout=5.0)

    def _detail(self, message_id: str) -> Mail:
        data: dict[str, Any] = (
            self._http.get(f"/api/v1/message/{message_id}").raise_for_status().json()
        )
        return Mail(
            id=data["ID"],
            subject=data["Subject"],
            to=[a["Address"] for a in data["To"]],
            text=data["Text"],
            html=data["HTML"],
        )

    def messages_to(self, address: str) -> list[dict[str, Any]]:
        """Summaries of the mails to an address, newest first."""
        response = self._http.get("/api/v1/search", params={"query": f"to:{address}"})
        found: list[dict[str, Any]] = response.raise_for_status().json()["messages"]
        return found

    def wait_for_mail(
        self, address: str, *, newer_than: int = 0, timeout: float | None = None
    ) -> Mail:
        """Poll until more than `newer_than` mails reached `address`; return the newest."""
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        delay = 0.05
        while True:
            found = self.messages_to(address)
            if len(found) > newer_than:
                return self._detail(found[0]["ID"])
            if time.monotonic() > deadline:
                raise MailboxTimeout(
                    f"aucun nouveau mail pour {address} après {self.timeout:.0f} s "
                    f"({len(found)} mail(s) déjà reçu(s))"
                )
            time.sleep(delay)
            delay = min(delay * 2, 0.5)

    def all_messages(self, limit: int = 500) -> list[dict[str, Any]]:
        """Summaries of every mail in the box, newest first."""
        response = self._http.get("/api/v1/messages", params={"limit": limit})
        found: list[dict[str, Any]] = response.raise_for_status().json()["messages"]
        return found

    def set_chaos(self, **settings: float) -> httpx.Response:
        """Switch the sink's faults (`refuse_ratio`, `delay_seconds`); returns the answer."""
        return self._http.put("/api/v1/chaos", json=settings)

    def chaos(self) -> dict[str, float]:
        """The sink's current faults."""
        current: dict[str, float] = self._http.get("/api/v1/chaos").raise_for_status().json()
        return current

    def raw(self, message_id: str) -> bytes:
        """The message as received over SMTP (Mailpit's /raw endpoint)."""
        return self._http.get(f"/api/v1/message/{message_id}/raw").raise_for_status().content

    def latest(self) -> Mail | None:
        """The newest mail of the whole mailbox, if any."""
        response = self._http.get("/api/v1/message/latest")
        if response.status_code == 404:
            return None
        return self._detail(response.raise_for_status().json()["ID"])

    def clear(self) -> None:
        """Delete every mail."""
        self._http.delete("/api/v1/messages").raise_for_status()

    def close(self) -> None:
        """Release the HTTP connection pool."""
        self._http.close()
