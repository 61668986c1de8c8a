"""Public credentials of the voters (Belenios's model): g^x, where x is derived from the
voter's code de vote by the parameters' slow derivation (chiffrement.credential). The
portal keeps g^x only and never computes one from a secret: the credential authority
(simulator/autorite/) holds the roll's secret and the codes.

They reach the portal in three ways: the authority's public credentials file, loaded at
start (`--credentials FICHIER`, checked against the parameters, its fingerprint recorded
at the first start and any other refused afterwards); the authority's answer at a
réassort of the code de vote (the new credential replaces the old one, on the board
too); and, on a test portal only, the test hook that creates a voter and returns its code
(the hook plays the authority there, as it plays the notice).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from chiffrement.credential import credential_du_code
from chiffrement.credentials_publiques import (
    CredentialsRefusees,
    exiger_accord,
    lire_credentials,
)
from chiffrement.parametres import Parametres
from simulator.storage import Database
from simulator.storage.electeurs import (
    Electeur,
    adresses_des_electeurs,
    electeur_par_id,
    sans_credential,
)
from simulator.storage.election import (
    ecrire_cle_autorite,
    ecrire_empreinte_credentials,
    lire_empreinte_credentials,
)
from simulator.vote.tableau_public import inscrire_credential

# Voters whose credentials are written per transaction when the file is loaded.
PAR_LOT = 2000


@dataclass(frozen=True)
class Chargement:
    """A credentials file loaded: its fingerprint, its voters, how many were written now
    (0 at a restart with the same file)."""

    empreinte: str
    electeurs: int
    inscrites: int


def charger_credentials(
    db: Database,
    parametres: Parametres,
    chemin: Path,
    progression: Callable[[int, int], None] = lambda fait, total: None,
) -> Chargement:
    """Load the authority's public credentials file: refuse one made for other parameters,
    one other than the file of the first start, or one that does not cover the roll
    exactly; give every voter without a credential its own. Raises CredentialsRefusees."""
    fichier = lire_credentials(chemin)
    exiger_accord(fichier, parametres)
    connue = lire_empreinte_credentials(db.reader())
    if connue is not None and connue != fichier.empreinte:
        raise CredentialsRefusees(
            f"LES CREDENTIALS PUBLIQUES ONT CHANGÉ : empreinte {fichier.empreinte}, alors que "
            f"ce portail a ouvert avec {connue}. Fichier échangé : le portail refuse de démarrer."
        )
    manquants = sans_credential(db.reader())
    inconnus = [e for _i, e in manquants if e not in fichier.credentials]
    if inconnus:
        raise CredentialsRefusees(
            f"{len(inconnus)} électeur(s) de la liste chargée sans credential dans {chemin} "
            f"(dont {inconnus[0]}) : ce fichier n'est pas celui de cette liste"
        )
    if connue is None:
        inscrits = adresses_des_electeurs(db.reader())
        etrangers = [e for e in fichier.credentials if e not in inscrits]
        if etrangers:
            raise CredentialsRefusees(
                f"{chemin} nomme {len(etrangers)} électeur(s) absent(s) de la liste chargée "
                f"(dont {etrangers[0]}) : ce fichier n'est pas celui de cette liste"
            )
    for debut in range(0, len(manquants), PAR_LOT):
        lot = manquants[debut : debut + PAR_LOT]
        with db.transaction() as conn:
            for electeur_id, email in lot:
                _inscrire(conn, parametres, electeur_id, fichier.credentials[email], None)
        progression(debut + len(lot), len(manquants))
    with db.transaction() as conn:
        ecrire_empreinte_credentials(conn, fichier.empreinte)
        if fichier.cle_autorite is not None:
            ecrire_cle_autorite(conn, fichier.cle_autorite)
    return Chargement(fichier.empreinte, len(fichier.credentials), len(manquants))


def _inscrire(
    conn: sqlite3.Connection,
    parametres: Parametres,
    electeur_id: int,
    credential: str,
    remplace: str | None,
    signature: str | None = None,
) -> None:
    electeur = electeur_par_id(conn, electeur_id)
    if electeur is not None:
        scrutins = parametres.ids_des_scrutins(electeur.scrutins)
        inscrire_credential(conn, electeur_id, scrutins, credential, remplace, signature)


def inscrire_code(db: Database, parametres: Parametres, electeur: Electeur, code: str) -> str:
    """The test hook's part only: give a voter it created the credential of the code de
    vote it returns (on a test portal, which sees that code anyway); return it."""
    credential = credential_du_code(
        code, parametres.election, electeur.email, parametres.iterations
    )
    with db.transaction() as conn:
        _inscrire(conn, parametres, electeur.id, credential, None)
    return credential


def remplacement(
    parametres: Parametres, electeur: Electeur, credential: str, signature: str | None = None
) -> Callable[[sqlite3.Connection], None]:
    """For a réassort of the code de vote: what writes the authority's new credential in
    place of the old one (on the board too, with the authority's signature of it), in the
    réassort's own transaction."""

    def ecrire(conn: sqlite3.Connection) -> None:
        _inscrire(conn, parametres, electeur.id, credential, electeur.credential, signature)

    return ecrire
