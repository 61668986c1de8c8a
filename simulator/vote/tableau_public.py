"""The public board kept by the portal (chiffrement/tableau.py's hash chain): opened on
the parameters and the voters' public credentials, then one entry per accepted ballot,
per credential added or replaced, and the closing. Every write runs in the caller's
transaction or one of its own, so an entry and what it records go together."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from chiffrement import tableau
from chiffrement.fichiers import publier
from chiffrement.groupe import Point, point_depuis_texte
from chiffrement.hachage import json_canonique
from chiffrement.parametres import Parametres
from simulator.storage import Database
from simulator.storage.electeurs import credentials_inscrites, ecrire_credential
from simulator.storage.election import ecrire_credentials_ouverture, lire_credentials_ouverture
from simulator.storage.tableau import (
    ajouter_entree,
    derniere_entree,
    entrees,
    hauteur_du_bulletin,
)
from simulator.storage.urne import emargements_par_scrutin
from simulator.vote.errors import ParametresRefuses, TableauClos

IdDuScrutin = Callable[[str], str | None]


def _ids(noms: tuple[str, ...], id_du_scrutin: IdDuScrutin) -> list[str]:
    return sorted(i for i in (id_du_scrutin(n) for n in noms) if i is not None)


def ouvrir_tableau(
    db: Database, parametres: Parametres, cle_accuses: Point, id_du_scrutin: IdDuScrutin
) -> None:
    """Write the opening entry once, naming the parameters, the credentials registered now
    and the receipt key; at a later start, refuse another receipt key or parameters."""
    with db.transaction() as conn:
        premiere = tableau_entree(conn, 0)
        if premiere is not None:
            contenu = premiere["contenu"]
            if contenu.get("election_hash") != parametres.empreinte:
                raise ParametresRefuses("le tableau public a été ouvert sur d'autres paramètres")
            if contenu.get("cle_accuses") != cle_accuses.texte():
                raise ParametresRefuses(
                    "la clé des preuves de vote n'est plus celle que publie le tableau"
                )
            return
        lignes = [
            (point_depuis_texte(c, "credential"), _ids(s, id_du_scrutin))
            for c, s in credentials_inscrites(conn)
        ]
        document = tableau.credentials_json(lignes)
        ecrire_credentials_ouverture(conn, json_canonique(document).decode())
        ajouter_entree(conn, tableau.ouverture(parametres, document, cle_accuses))


def tableau_entree(conn: sqlite3.Connection, hauteur: int) -> dict[str, Any] | None:
    """The entry at this height, if any."""
    trouvees = entrees(conn, hauteur, 1)
    return trouvees[0] if trouvees and trouvees[0]["hauteur"] == hauteur else None


def au_tableau(
    conn: sqlite3.Connection, scrutin: str, empreinte_bulletin: str, hauteur: int
) -> bool:
    """Whether the board's entry at `hauteur` is the ballot of `scrutin` whose fingerprint
    is `empreinte_bulletin` (read from the entry itself, not from the row's index)."""
    return tableau.est_le_bulletin(tableau_entree(conn, hauteur), empreinte_bulletin, scrutin)


def hauteur_au_tableau(conn: sqlite3.Connection, empreinte_bulletin: str) -> int | None:
    """The height of the ballot with this fingerprint, found by the index column and
    confirmed by the entry itself (None: no ballot of the board has it). Whoever may write
    the database may write the column, not a ballot whose hash is that fingerprint."""
    hauteur = hauteur_du_bulletin(conn, empreinte_bulletin)
    if hauteur is None:
        return None
    return (
        hauteur
        if tableau.est_le_bulletin(tableau_entree(conn, hauteur), empreinte_bulletin)
        else None
    )


def annexer(
    conn: sqlite3.Connection, type_: str, contenu: dict[str, Any], empreinte: str | None = None
) -> dict[str, Any]:
    """Append the next entry of the chain (in the caller's write transaction)."""
    precedente = derniere_entree(conn)
    if precedente is None:
        raise TableauClos("Le vote n'est pas ouvert : le tableau public n'est pas ouvert.")
    if precedente["type"] == "cloture":
        raise TableauClos()
    suivante = tableau.entree(precedente, type_, contenu)
    ajouter_entree(conn, suivante, empreinte)
    return suivante


def inscrire_credential(
    conn: sqlite3.Connection,
    electeur_id: int,
    scrutins: list[str],
    credential: str,
    remplace: str | None = None,
    signature: str | None = None,
) -> None:
    """Give a voter its public credential and, once the board is open, say so on it
    (a new voter, or a credential replaced after a réassort of the code de vote, with the
    credential authority's `signature` of the replacement when it gave one)."""
    ecrire_credential(conn, electeur_id, credential)
    derniere = derniere_entree(conn)
    if derniere is None or derniere["type"] == "cloture":
        return
    contenu: dict[str, Any] = {
        "credential": credential,
        "scrutins": sorted(scrutins),
        "remplace": remplace,
    }
    if signature is not None:
        contenu["signature"] = signature
    annexer(conn, "credential", contenu)


def comptes_du_tableau(conn: sqlite3.Connection, parametres: Parametres) -> dict[str, int]:
    """Ballots on the board, per scrutin id (every scrutin named, 0 included)."""
    comptes = dict.fromkeys(parametres.scrutins, 0)
    for e in entrees(conn):
        if e["type"] == "bulletin":
            comptes[e["contenu"]["message"]["scrutin"]] += 1
    return comptes


def clore(db: Database, parametres: Parametres) -> dict[str, Any]:
    """Append the closing entry (ballots per scrutin) unless the board is closed already;
    return it. No ballot is taken afterwards."""
    with db.transaction() as conn:
        derniere = derniere_entree(conn)
        if derniere is not None and derniere["type"] == "cloture":
            return derniere
        return annexer(conn, "cloture", {"bulletins": comptes_du_tableau(conn, parametres)})


def exporter(
    db: Database, parametres: Parametres, id_du_scrutin: IdDuScrutin, dossier: Path
) -> list[Path]:
    """Write what the verifier and the count read beside the parameters: the opening's
    credentials, the board, the émargements per scrutin id."""
    conn = db.reader()
    credentials = json.loads(lire_credentials_ouverture(conn) or '{"credentials": []}')
    signes = dict.fromkeys(parametres.scrutins, 0)
    for nom, n in emargements_par_scrutin(conn).items():
        ident = id_du_scrutin(nom)
        if ident is not None:
            signes[ident] += n
    return publier(dossier, credentials=credentials, tableau=entrees(conn), emargements=signes)
