"""The vote's rules that need no screen: a ballot built by the voter's browser, checked
(proofs, signature by the voter's credential, scrutin) and then, in one transaction,
dropped into the box, signed for in the émargement and appended to the public board.

The portal never sees a choice: a ballot is an encryption under the trustees' key with
zero-knowledge proofs (chiffrement/bulletin.py). The box holds the ballot under a random
key, with neither voter nor order; the émargement holds who voted, not what; the board
holds the ballot for all to see, never its voter. The receipt's fingerprint is the
ballot's (SHA-256 of its canonical JSON), found on the board at once.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from chiffrement.bulletin import BulletinVerifie, verifier_bulletin
from chiffrement.erreurs import ErreurChiffrement
from chiffrement.hachage import json_canonique
from chiffrement.parametres import Parametres
from simulator.storage import Database
from simulator.storage.electeurs import Electeur
from simulator.storage.election import lire_depouille_le
from simulator.storage.urne import DejaEmarge, deposer, empreinte_publiee
from simulator.vote.errors import BulletinRefuse, ScrutinDejaVote
from simulator.vote.tableau_public import annexer, hauteur_au_tableau

# A ballot of 8 lists is about 5 kB; far more is not a ballot.
TAILLE_MAX_BULLETIN = 32 * 1024

CLE_AUTRE = (
    "Bulletin refusé : il n'est pas signé avec la clé de votre code de vote, celle que "
    "l'autorité de credentials vous a donnée (notice, ou dernier réassort du code de vote). "
    "Votre vote n'est pas pris : saisissez de nouveau votre code de vote."
)


@dataclass(frozen=True)
class Depot:
    """A ballot accepted: its fingerprint and its height on the board."""

    empreinte: str
    hauteur: int


def lire_bulletin(texte: str) -> Any:
    """The posted ballot as JSON, or BulletinRefuse."""
    if not texte or len(texte) > TAILLE_MAX_BULLETIN:
        raise BulletinRefuse("Aucun bulletin chiffré n'a été reçu : votre vote n'est pas pris.")
    try:
        return json.loads(texte)
    except (ValueError, RecursionError):
        raise BulletinRefuse("Bulletin illisible : votre vote n'est pas pris.") from None


def verifier(
    parametres: Parametres, electeur: Electeur, scrutin: str, bulletin: object
) -> BulletinVerifie:
    """Every proof and the signature, then: built for this scrutin, signed with this
    voter's credential (the one the portal vouches for: vote/inscriptions.py). Raises
    BulletinRefuse saying which check failed."""
    try:
        verifie = verifier_bulletin(parametres, bulletin)
    except ErreurChiffrement as exc:
        raise BulletinRefuse(f"Bulletin refusé ({exc}) : votre vote n'est pas pris.") from None
    if verifie.scrutin != scrutin:
        raise BulletinRefuse(
            "Bulletin refusé : il a été construit pour un autre scrutin. Votre vote n'est pas pris."
        )
    if electeur.credential is None or verifie.credential.texte() != electeur.credential:
        raise BulletinRefuse(CLE_AUTRE)
    return verifie


def deposer_bulletin(
    db: Database,
    electeur: Electeur,
    nom_scrutin: str,
    verifie: BulletinVerifie,
    bulletin: Any,
    exiger: Callable[[sqlite3.Connection], None] = lambda conn: None,
) -> Depot:
    """The checked ballot into the box, the émargement and the board entry, in one
    transaction, once `exiger` (run first in it, raising to refuse) lets it; a second
    vote in the scrutin is refused by the émargement's key."""
    try:
        with db.transaction() as conn:
            exiger(conn)
            deposer(conn, electeur.id, nom_scrutin, secrets.token_hex(16), json_canonique(bulletin))
            entree = annexer(conn, "bulletin", bulletin, verifie.empreinte)
    except DejaEmarge as exc:
        raise ScrutinDejaVote() from exc
    except sqlite3.IntegrityError as exc:
        raise BulletinRefuse("Ce bulletin figure déjà au tableau public : rejeu refusé.") from exc
    return Depot(verifie.empreinte, int(entree["hauteur"]))


@dataclass(frozen=True)
class Verification:
    """Where a receipt's fingerprint stands: on the board, and counted (None before the
    count)."""

    au_tableau: bool
    comptee: bool | None


def verifier_empreinte(db: Database, empreinte: str) -> Verification:
    """Whether a fingerprint is on the board, and whether it was counted."""
    conn = db.reader()
    empreinte = empreinte.strip().lower()
    # The entry itself, not only the index column: a ballot removed from the board is
    # not there, whatever the column or the published list say.
    au_tableau = hauteur_au_tableau(conn, empreinte) is not None
    if lire_depouille_le(conn) is None:
        return Verification(au_tableau, None)
    return Verification(au_tableau, au_tableau and empreinte_publiee(conn, empreinte))
