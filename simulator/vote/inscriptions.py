"""The credential each voter may vote with, as the portal can vouch for it without
trusting its own database: the one the credential authority's file gives the voter
(vote/credentials_autorite.py), followed through the board's replacements the authority
signed (chiffrement/inscriptions.py, the verifier's rule). The database's
`voters.credential`, which its administrator may write, is no longer what a code de vote
or a ballot is checked against; a ballot the portal takes is one the count takes.

Each process reads the board's « credential » entries once (an index of the table finds
them), each signature checked once (Ed25519, about 0.1 ms), then only the entries
appended since; a deposit checks again in its own write transaction, so that a réassort
committed by another process a moment before is seen. A portal started without
`--credentials` (a test portal, its voters from the test hook) has none: it keeps the
database's credential, as before."""

from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import replace
from pathlib import Path

from chiffrement.bulletin import BulletinVerifie
from chiffrement.inscriptions import Remplacements
from chiffrement.parametres import Parametres
from simulator.settings import Settings
from simulator.storage.electeurs import Electeur
from simulator.storage.tableau import inscriptions_depuis
from simulator.vote.credentials_autorite import CredentialsDeLAutorite, Inscription
from simulator.vote.errors import AutoriteIndisponible, BulletinRefuse
from simulator.vote.urne import CLE_AUTRE

log = logging.getLogger("simulator.vote")

SCRUTIN_AUTRE = (
    "Bulletin refusé : l'autorité de credentials ne vous donne pas ce scrutin. Votre vote "
    "n'est pas pris."
)


class InscriptionsVouchees:
    """The authority's file and the board's signed replacements, for one process."""

    def __init__(self, autorite: CredentialsDeLAutorite, parametres: Parametres) -> None:
        """Nothing read from the board yet."""
        self.autorite = autorite
        self._remplacements = Remplacements(autorite.cle_autorite, parametres.empreinte)
        self._lue = 0
        self._verrou = threading.Lock()

    @property
    def cle_autorite(self) -> str | None:
        """The authority's public signing key, as its file names it."""
        return self.autorite.cle_autorite

    def _rafraichir(self, conn: sqlite3.Connection) -> None:
        with self._verrou:
            ecartees = len(self._remplacements.ecartees)
            for hauteur, contenu in inscriptions_depuis(conn, self._lue):
                self._remplacements.lire(hauteur, contenu)
                self._lue = max(self._lue, hauteur)
            for hauteur in self._remplacements.ecartees[ecartees:]:
                log.warning(
                    "tableau public, entrée %d : credential sans l'aval de l'autorité, "
                    "ignorée (le vérificateur la refusera)",
                    hauteur,
                )

    def inscription(self, conn: sqlite3.Connection, email: str) -> Inscription | None:
        """The credential the board inscribes now for the voter of `email`, as the
        authority vouches for it, and its scrutins (None: the file names no such voter)."""
        self._rafraichir(conn)
        premiere = self.autorite.inscription(email)
        if premiere is None:
            return None
        return Inscription(self._remplacements.courante(premiere.credential), premiere.scrutins)

    def electeur(self, conn: sqlite3.Connection, electeur: Electeur) -> Electeur:
        """The voter with the credential vouched for in place of the database's (None:
        the file names no such voter); a difference is logged: someone wrote the row."""
        inscription = self.inscription(conn, electeur.email)
        vouchee = None if inscription is None else inscription.credential
        if vouchee != electeur.credential:
            log.warning(
                "électeur %d : la credential de la base n'est pas celle que l'autorité lui a "
                "donnée (fichier et réassorts signés) ; celle de l'autorité prévaut",
                electeur.id,
            )
        return replace(electeur, credential=vouchee)

    def cle_pour_reassort(self) -> str:
        """The key the authority's signature of a new credential is checked against;
        AutoriteIndisponible if its file names none (a replacement could not be vouched
        for: the voter keeps the old code)."""
        if self.cle_autorite is None:
            raise AutoriteIndisponible(
                detail="le fichier de l'autorité ne nomme pas sa clé de signature"
            )
        return self.cle_autorite

    def exiger(self, conn: sqlite3.Connection, email: str, verifie: BulletinVerifie) -> None:
        """In the deposit's write transaction: the ballot is signed by the credential
        vouched for now, in one of its scrutins. Raises BulletinRefuse."""
        inscription = self.inscription(conn, email)
        if inscription is None or verifie.credential.texte() != inscription.credential:
            raise BulletinRefuse(CLE_AUTRE)
        if inscription.scrutins is not None and verifie.scrutin not in inscription.scrutins:
            raise BulletinRefuse(SCRUTIN_AUTRE)


def inscriptions_du_portail(
    settings: Settings, parametres: Parametres | None
) -> InscriptionsVouchees | None:
    """This process's inscriptions when the portal was given the authority's file (and
    the parameters); None otherwise. Raises CredentialsRefusees."""
    regles = settings.election
    if regles.credentials is None or parametres is None:
        return None
    autorite = CredentialsDeLAutorite(Path(regles.credentials), regles.empreinte_credentials)
    return InscriptionsVouchees(autorite, parametres)
