"""What a scenario's steps write down for the later steps of the same scenario, typed:
each later step reads a field by its name and type, never a key of a dict."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page, Request

from steps.bureau import Sortie


@dataclass
class Notes:
    """The CAPTCHA shown, the code de vote in force, the scrutin and list chosen, the
    receipts' fingerprints and a second tab: what one step saw and another checks."""

    # The CAPTCHA first shown (its picture, and its digits when they can be read).
    captcha_image: bytes | None = None
    captcha_code: str | None = None
    # The code de vote received by mail after a réassort, and the one it replaced.
    code_vote: str | None = field(default=None, repr=False)  # not in failure output
    ancien_code_vote: str | None = field(default=None, repr=False)
    # Mails the voter had before asking a new code de vote.
    mails_avant_code: int = 0
    # The scrutin opened and the list chosen in it.
    scrutin: str | None = None
    liste: str | None = None
    # The value of the chosen list's radio button, as the page holds it.
    valeur_liste: str | None = None
    # Every request the page made since the scenario asked to watch them.
    requetes: list[Request] = field(default_factory=list)
    # The fingerprint of every receipt seen, in order; the ballots cast in one go.
    empreintes: list[str] = field(default_factory=list)
    votes: int = 0
    # A second tab of the same browser (the same confirmation opened twice).
    onglet: Page | None = None
    # The public board as anyone opened it, in a browser of their own.
    tableau: Page | None = None
    # The bureau's count (its command's outcome) and the folder it published in; the
    # verifier's outcome on that folder, and the height of a ballot altered there.
    depouillement: Sortie | None = None
    publication: Path | None = None
    verification: Sortie | None = None
    hauteur_alteree: int | None = None

    def liste_choisie(self) -> str:
        """The list chosen so far; a step used before any choice fails clearly."""
        if self.liste is None:
            raise AssertionError("aucune liste choisie dans ce scénario")
        return self.liste

    def scrutin_ouvert(self) -> str:
        """The scrutin opened so far; a step used before any fails clearly."""
        if self.scrutin is None:
            raise AssertionError("aucun scrutin ouvert dans ce scénario")
        return self.scrutin

    def second_onglet(self) -> Page:
        """The second tab; a step used before it was opened fails clearly."""
        if self.onglet is None:
            raise AssertionError("aucun second onglet ouvert dans ce scénario")
        return self.onglet

    def tableau_ouvert(self) -> Page:
        """The public board opened; a step used before it was fails clearly."""
        if self.tableau is None:
            raise AssertionError("le tableau public n'a pas été ouvert dans ce scénario")
        return self.tableau

    def dossier_publie(self) -> Path:
        """The folder the bureau's count published in; a step used before fails clearly."""
        if self.publication is None:
            raise AssertionError("le bureau de vote n'a pas dépouillé dans ce scénario")
        return self.publication

    def derniere_empreinte(self) -> str:
        """The fingerprint of the last receipt seen in this scenario."""
        if not self.empreintes:
            raise AssertionError("aucun accusé de réception dans ce scénario")
        return self.empreintes[-1]
