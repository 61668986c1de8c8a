"""What one scenario has learnt so far (its voter, its links, its notes) and what it did
to the voter's account, for the list's ledger: the `contexte` fixture's object."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_plus

from harnais.comptes import Electeur, EtatCompte
from steps.notes import Notes


def envoie_quelque_chose(methode: str, url: str, email: str) -> bool:
    """Whether a browser request may have told the portal something about the account:
    any method but GET and HEAD (a form posted), or a URL holding its address (a form
    sent by GET)."""
    return methode.upper() not in ("GET", "HEAD") or email.lower() in unquote_plus(url).lower()


@dataclass
class Contexte:
    """What one scenario has learnt so far: its voter, the links it received, the
    password it chose, and what it did to the account (for the list's ledger)."""

    electeur: Electeur | None = None
    liens: list[str] = field(default_factory=list)
    mot_de_passe: str | None = field(default=None, repr=False)  # not in failure output
    notes: Notes = field(default_factory=Notes)
    evenements: list[tuple[str, str | None]] = field(default_factory=list)
    compte: EtatCompte | None = None
    # Mails the voter had before this scenario's first réassort: a list's account may
    # have received some in earlier scenarios or runs, and those are not this one's.
    mails_avant: int = 0
    # When (time.monotonic) the last réassort was asked, sent from the password page.
    reassort_demande_le: float = 0.0
    # Whether anything may have reached the portal with the account since it was handed
    # out: true unless `surveiller` watches the page and has seen nothing sent yet (a
    # scenario failing before that gives the account back as it was).
    envoye: bool = True
    # Set while the identification form is being sent (`identification`).
    _identification: bool = field(default=False, repr=False)

    def surveiller(self, page: Any) -> None:
        """Watch the scenario's page from now on: any request that sends something (a
        form submitted, whatever its method, or the account's address in a URL) marks
        the account as known to the portal, but for the identification form's."""
        self.envoye = False

        def requete(req: Any) -> None:
            if (
                self.electeur is not None
                and not self._identification
                and envoie_quelque_chose(req.method, req.url, self.electeur.email)
            ):
                self.envoye = True

        page.on("request", requete)

    @contextmanager
    def identification(self) -> Iterator[None]:
        """While the identification form is sent and answered: an address and a CAPTCHA
        change nothing of an account (the guide's first screen), so a scenario failing
        on the next screen gives its account back as it was, not `incertain`. Requests
        the page reports only after the block count as usual (at worst `incertain`)."""
        self._identification = True
        try:
            yield
        finally:
            self._identification = False

    def electeur_requis(self) -> Electeur:
        """The scenario's voter; a step used before any 'Étant donné' fails clearly."""
        if self.electeur is None:
            raise AssertionError("aucun électeur : commencez le scénario par un « Étant donné »")
        return self.electeur

    def noter(self, quoi: str, valeur: str | None = None) -> None:
        """Remember what the voter's account went through (seen on the screen)."""
        self.evenements.append((quoi, valeur))
