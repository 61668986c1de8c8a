"""A mail as the harness reads it, whatever the mailbox it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass

from harnais.vocabulaire import vocabulaire

LIEN = re.compile(r"https?://[^\s<>\"']+")


@dataclass(frozen=True)
class Mail:
    """One mail: its identifier in its mailbox, subject, recipients and bodies."""

    id: str
    subject: str
    to: list[str]
    text: str
    html: str

    def links(self) -> list[str]:
        """Every URL in the text part, in order."""
        return LIEN.findall(self.text)

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


class CourrierIndisponible(Exception):
    """The mailbox could not be read (an API error status, an IMAP refusal)."""
