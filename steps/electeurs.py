"""Where a scenario's voter comes from: the portal's test hook, or a provisioned list.

Both hand out an `Electeur` for a need (`nouveau`, `actif`, `reassort`, `votant`) and take it back
once the scenario is over with what the scenario did to it, so that a list's ledger
keeps every account's true state (see harnais/comptes.py).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Protocol

from harnais.comptes import ComptesEpuises, Electeur, EtatCompte, Registre, etat_rendu
from harnais.crochets import Crochets


@dataclass(frozen=True)
class Retour:
    """A voter given back at the end of a scenario, with what the scenario did to it."""

    electeur: Electeur
    avant: EtatCompte | None
    evenements: list[tuple[str, str | None]]
    reussi: bool
    # Whether anything was sent to the portal once the account was handed out (a form
    # submitted, the address in a URL): if not, the portal never heard of the account.
    envoye: bool = True


class Fournisseur(Protocol):
    """Hands out voters and takes them back."""

    domaine: str

    def prendre(self, besoin: str) -> tuple[Electeur, EtatCompte | None]:
        """A voter for this need, with its ledger state if it has one."""

    def rendre(self, retour: Retour) -> None:
        """Take the voter back once the scenario is over."""


class ParCrochets:
    """A fresh voter per scenario, created through the portal's test hook."""

    domaine = "ac-reims.fr"

    def __init__(self, crochets: Crochets) -> None:
        self._crochets = crochets

    def prendre(self, besoin: str) -> tuple[Electeur, EtatCompte | None]:
        """Create a voter in the state the need asks for."""
        etat = "actif" if besoin in ("actif", "votant") else "nouveau"
        return self._crochets.creer_electeur(etat), None

    def rendre(self, retour: Retour) -> None:
        """Nothing to do: a created voter is never used again."""


class ParListe:
    """Accounts of a provisioned list, claimed and given back through its ledger."""

    def __init__(self, registre: Registre) -> None:
        self.registre = registre
        self.domaine = registre.domaine
        self._par = (
            f"{os.uname().nodename}:{os.getpid()}:{os.environ.get('PYTEST_XDIST_WORKER', 'seul')}"
        )

    def prendre(self, besoin: str) -> tuple[Electeur, EtatCompte | None]:
        """Claim an account of the list; ComptesEpuises says what is left when none fits."""
        return self.registre.prendre(besoin, self._par)

    def rendre(self, retour: Retour) -> None:
        """Record the state the scenario left the account in: the last one it saw on
        screen; the one it had if nothing was sent with it; `incertain` only if it failed
        after sending something and before seeing any screen of it."""
        avant = retour.avant
        if avant is None:
            return
        apres = etat_rendu(
            avant, retour.evenements, retour.reussi, time.time(), envoye=retour.envoye
        )
        self.registre.rendre(retour.electeur.email, apres, self._par)


__all__ = ["ComptesEpuises", "Fournisseur", "ParCrochets", "ParListe", "Retour"]
