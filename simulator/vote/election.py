"""The election as the running portal knows it: the public parameters the bureau published
(read, never made), the portal's own key that signs the proofs of vote, and the public
board opened on them.

The receipt key is the portal's, not a trustee's: a file readable by its owner only
(mode 600), beside the database but never in it, created at the first start; its public
part is in the board's opening entry, where anyone checks a proof of vote against it.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from chiffrement.fichiers import FichierRefuse, ecrire_secret, lire_secret
from chiffrement.groupe import ORDRE, Point, puissance_g, scalaire_aleatoire
from chiffrement.parametres import Parametres
from chiffrement.verificateur import PARAMETRES
from simulator.settings import Settings
from simulator.storage import Database
from simulator.vote.errors import ParametresRefuses
from simulator.vote.parametres_publics import charger_parametres_publics
from simulator.vote.tableau_public import ouvrir_tableau


@dataclass(frozen=True)
class ElectionChiffree:
    """Public parameters, their published bytes, and the portal's receipt key."""

    parametres: Parametres
    document: bytes
    secret_accuses: int

    @property
    def cle_accuses(self) -> Point:
        """The public key of the proofs of vote (in the board's opening entry)."""
        return puissance_g(self.secret_accuses)

    def id_du_scrutin(self, nom: str) -> str | None:
        """The parameters' id of the scrutin named `nom` (None: not sealed)."""
        for ident, scrutin in self.parametres.scrutins.items():
            if scrutin.nom == nom:
                return ident
        return None


def chemin_cle_accuses(settings: Settings) -> Path:
    """Where the receipt key lives: the option, else beside the database."""
    if settings.election.cle_accuses:
        return Path(settings.election.cle_accuses)
    return settings.db_path.with_name(settings.db_path.stem + "-accuses.cle")


def lire_ou_creer_cle_accuses(chemin: Path) -> int:
    """The portal's receipt key, created (mode 600) at the first start."""
    if not chemin.exists():
        # Another worker may create it between our look and our write: then it is read.
        with contextlib.suppress(FichierRefuse):
            ecrire_secret(chemin, {"usage": "accuses", "secret": str(scalaire_aleatoire())})
    try:
        secret = int(lire_secret(chemin)["secret"])
    except (FichierRefuse, KeyError, TypeError, ValueError) as exc:
        raise ParametresRefuses(f"clé des preuves de vote illisible : {exc}") from None
    if not 0 < secret < ORDRE:
        raise ParametresRefuses(f"{chemin} : pas une clé de preuves de vote")
    return secret


def ouvrir_election(db: Database, settings: Settings) -> ElectionChiffree | None:
    """The election of `--parametres`, checked, with its board opened (None: the portal
    was given no parameters, so it takes no ballot). Raises ParametresRefuses."""
    if not settings.election.parametres:
        return None
    dossier = Path(settings.election.parametres)
    parametres = charger_parametres_publics(db, dossier)
    document = (dossier / PARAMETRES).read_bytes()
    secret = lire_ou_creer_cle_accuses(chemin_cle_accuses(settings))
    election = ElectionChiffree(parametres, document, secret)
    ouvrir_tableau(db, parametres, election.cle_accuses, election.id_du_scrutin)
    return election
