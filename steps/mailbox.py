"""Reads mails through a Mailpit-compatible API (the sink's, or a real Mailpit's)."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

import httpx

from harnais.vocabulaire import vocabulaire

# The reference sink holds a `wait=` search at most this long (its API refuses more).
MAX_WAIT_SECONDS = 30.0

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

    def liens_reassort(self) -> list[str]:
        """The réassort links in the text part (their path from the vocabulary)."""
        found: list[str] = vocabulaire().motif_lien_reassort().findall(self.text)
        return found

    def code_vote(self) -> str | None:
        """The new code de vote a réassort mail carries (its pattern from the vocabulary)."""
        trouve = re.search(vocabulaire().vote.motif_code_mail, self.text)
        return trouve.group(1) if trouve else None


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

    def messages_to(self, address: str, wait: float = 0.0) -> list[dict[str, Any]]:
        """Summaries of the mails to an address, newest first; with `wait`, the sink holds
        an empty answer until one arrives (a real Mailpit ignores it and answers at once)."""
        params: dict[str, str | float] = {"query": f"to:{address}"}
        if wait > 0:
            params["wait"] = round(wait, 3)
        response = self._http.get("/api/v1/search", params=params, timeout=wait + 5.0)
        found: list[dict[str, Any]] = response.raise_for_status().json()["messages"]
        return found

    def wait_for_mail(
        self, address: str, *, newer_than: int = 0, timeout: float | None = None
    ) -> Mail:
        """Wait until more than `newer_than` mails reached `address`; return the newest.

        The first mail is awaited inside the sink (`wait=`), so it is seen the moment it
        lands; against a Mailpit, and for later mails, this falls back to polling.
        """
        limit = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        delay = 0.05
        while True:
            left = min(max(deadline - time.monotonic(), 0.0), MAX_WAIT_SECONDS)
            found = self.messages_to(address, wait=left if newer_than == 0 else 0.0)
            if len(found) > newer_than:
                return self._detail(found[0]["ID"])
            if time.monotonic() > deadline:
                raise MailboxTimeout(
                    f"aucun nouveau mail pour {address} après {limit:.0f} s "
                    f"({len(found)} mail(s) déjà reçu(s))"
                )
            time.sleep(delay)
            delay = min(delay * 2, 0.5)

    def all_messages(self, limit: int = 500) -> list[dict[str, Any]]:
        """Summaries of every mail in the box, newest first."""
        response = self._http.get("/api/v1/messages", params={"limit": limit})
        found: list[dict[str, Any]] = response.raise_for_status().json()["messages"]
        return found

    def set_chaos(
        self, refus_destinataires: int = 0, retard_s: float = 0.0, code: int = 451
    ) -> httpx.Response:
        """Replace the sink's faults, in Mailpit's body: refuse this percentage of
        recipients with `code`; with `retard_s`, the reference sink's own extension, show
        each mail that many seconds after accepting it. No argument: every fault off."""
        body: dict[str, object] = {
            "Recipient": {"ErrorCode": code, "Probability": refus_destinataires}
        }
        if retard_s:
            body["DelaySeconds"] = retard_s
        return self._http.put("/api/v1/chaos", json=body)

    def chaos(self) -> dict[str, object]:
        """The sink's current faults, in Mailpit's shape."""
        current: dict[str, object] = self._http.get("/api/v1/chaos").raise_for_status().json()
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
