"""Loading a voter roll (a liste) into the portal: one pass, one transaction, line-exact
errors (the format itself and its reading are fixtures/liste.py); and the roll of
`python -m simulator --voters CSV`, loaded once into an empty database, with the
demonstration voter announced with what it types (password, code de vote)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

from fixtures.console import Progress, no_progress, stderr_progress
from fixtures.identifiants import deriver_code_vote, deriver_identifiants
from fixtures.liste import ListeInvalide, compter_lignes, lire_liste
from simulator.acces.identifiants import DERIVED
from simulator.acces.identite import QUESTIONS_DEFI, normalise_identifiant
from simulator.errors import PortalError
from simulator.storage import Database
from simulator.storage.electeurs import (
    LigneElecteur,
    compter_electeurs,
    inserer_liste_electeurs,
    premier_electeur_actif,
)
from simulator.storage.election import ecrire_secret, lire_secret

__all__ = ["ListeRefusee", "charger_et_annoncer", "charger_liste"]


class ListeRefusee(PortalError):
    """The roll file cannot be loaded; the message names the line and the fault."""


def charger_liste(db: Database, path: Path, secret: str, progress: Progress = no_progress) -> int:
    """Load a roll in one transaction: all its voters, or none if any line is refused.

    `actif` voters get the DERIVED marker instead of an Argon2 hash (see identifiants.py).
    """
    try:
        total = compter_lignes(path)
    except ListeInvalide as exc:
        raise ListeRefusee(exc.message) from exc
    seen = 0
    step = max(total // 100, 1000)

    def rows() -> Iterator[LigneElecteur]:
        for _line, (
            civilite,
            nom,
            prenom,
            raw_email,
            academie,
            corps,
            scrutins,
            etat,
        ) in lire_liste(path):
            nonlocal seen
            seen += 1
            email = normalise_identifiant(raw_email)
            actif = etat == "actif"
            yield (
                email,
                civilite,
                nom,
                prenom,
                academie,
                corps,
                scrutins,
                DERIVED if actif else None,
                QUESTIONS_DEFI[0] if actif else None,
                DERIVED if actif else None,
            )
            if seen % step == 0 and seen < total:  # 100 % is said once committed
                progress(seen, total)

    if compter_electeurs(db.reader()):
        raise ListeRefusee(f"la base {db.path} contient déjà des électeurs : liste non chargée")
    # A rollback journal instead of WAL for this one big transaction: pages are written
    # once instead of twice (WAL, then checkpoint); the load stays all-or-nothing.
    try:
        with db.journal_mode("DELETE"), db.transaction() as conn:
            inserer_liste_electeurs(conn, rows())
            ecrire_secret(conn, secret)
    except ListeInvalide as exc:
        raise ListeRefusee(exc.message) from exc
    progress(seen, max(total, seen))
    return seen


def charger_et_annoncer(args: argparse.Namespace) -> None:
    """Load the roll if the database has no voter yet, then print the demo voter."""
    db = Database(args.db)
    existing = compter_electeurs(db.reader())
    if args.liste is not None:
        if existing:
            print(f"Base {args.db} : {existing} électeurs déjà chargés, liste non rechargée.")
        else:
            count = charger_liste(db, args.liste, args.secret, stderr_progress("Chargement"))
            print(f"Liste électorale {args.liste} chargée : {count} électeurs.")
    email = premier_electeur_actif(db.reader())
    if email is not None:
        secret = lire_secret(db.reader()) or args.secret
        creds = deriver_identifiants(email, secret)
        print(
            f"Électeur de démonstration : identifiant {email}  "
            f"mot de passe Élections {creds.password}  "
            f"code de vote {deriver_code_vote(email, secret)}"
        )
