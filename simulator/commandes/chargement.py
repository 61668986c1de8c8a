"""Loading a voter roll (a liste) into the portal: one pass, one transaction, line-exact
errors (the format itself and its reading are fixtures/liste.py); and the roll of
`python -m simulator --voters CSV`, loaded once into an empty database, with the
demonstration voter announced with what it types (password, code de vote).

The roll's secret is used here for the accounts and forgotten: each `actif` voter's
derived password and answer are stored as salted hashes (acces/identifiants.py), never in
a form that gives them back. The code de vote is not the portal's: the credential
authority derives it (simulator/autorite/), and the portal keeps only its public
credential; no code is derived here, nor shown in the banner."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

from fixtures.console import Progress, no_progress, stderr_progress
from fixtures.identifiants import SECRET_DEMONSTRATION, deriver_identifiants
from fixtures.liste import ListeInvalide, compter_lignes, lire_liste
from simulator.acces.identifiants import empreinte_derivee, est_derive, verifier_derive
from simulator.acces.identite import QUESTIONS_DEFI, normalise_identifiant, normalise_reponse
from simulator.acces.passwords import verify_password
from simulator.commandes.oubli_secret import oublier_secret_stocke
from simulator.errors import PortalError
from simulator.storage import Database
from simulator.storage.electeurs import (
    LigneElecteur,
    compter_electeurs,
    electeurs_actifs,
    inserer_liste_electeurs,
)

__all__ = ["ListeRefusee", "charger_et_annoncer", "charger_liste"]


class ListeRefusee(PortalError):
    """The roll file cannot be loaded; the message names the line and the fault."""


def charger_liste(db: Database, path: Path, secret: str, progress: Progress = no_progress) -> int:
    """Load a roll in one transaction: all its voters, or none if any line is refused.

    `actif` voters get the fast hashes of their derived password and challenge answer
    instead of Argon2 hashes (see acces/identifiants.py); `secret` itself is not stored,
    and no code de vote is derived (the credential authority's).
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
            mot_de_passe = reponse = None
            if actif:
                derives = deriver_identifiants(email, secret)
                mot_de_passe = empreinte_derivee(derives.password)
                reponse = empreinte_derivee(normalise_reponse(derives.answer))
            yield (
                email,
                civilite,
                nom,
                prenom,
                academie,
                corps,
                scrutins,
                mot_de_passe,
                QUESTIONS_DEFI[0] if actif else None,
                reponse,
                None,
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
    except ListeInvalide as exc:
        raise ListeRefusee(exc.message) from exc
    progress(seen, max(total, seen))
    return seen


# How many of the first active voters the banner looks through for its demo voter, and
# how many Argon2id hashes among them it checks (each costs up to a few hundred ms).
DEMONSTRATION_PARMI = 200
ARGON2_ESSAIS = 3


def charger_et_annoncer(args: argparse.Namespace) -> None:
    """Load the roll if the database has no voter yet, then print the demo voter."""
    db = Database(args.db)
    if oublies := oublier_secret_stocke(db):
        print(f"Base {args.db} : secret de la liste effacé, {oublies} électeurs réécrits.")
    existing = compter_electeurs(db.reader())
    if args.liste is not None:
        if existing:
            print(f"Base {args.db} : {existing} électeurs déjà chargés, liste non rechargée.")
        else:
            secret = args.secret or SECRET_DEMONSTRATION
            count = charger_liste(db, args.liste, secret, stderr_progress("Chargement"))
            print(f"Liste électorale {args.liste} chargée : {count} électeurs.")
    actifs = electeurs_actifs(db.reader(), DEMONSTRATION_PARMI)
    if not actifs:
        return
    # The database no longer keeps the roll's secret: the banner derives with --secret,
    # and says so when the roll was loaded with another one, or when the portal was given
    # no secret at all (nor a roll to load, for which the demonstration's is the default).
    secret = args.secret or (SECRET_DEMONSTRATION if args.liste is not None else None)
    if secret is None:
        print(
            f"Électeur de démonstration : {actifs[0][0]} (portail démarré sans secret de "
            "liste : ses identifiants ne sont pas affichés)"
        )
        return
    # The first active voter whose password is still the one the roll's secret gives: a
    # voter who chose their own (activation, réassort) is passed over, not shown with a
    # password the portal would refuse.
    argon2_essayes = 0
    for email, stored in actifs:
        creds = deriver_identifiants(email, secret)
        if est_derive(stored):
            garde_le_sien = verifier_derive(stored, creds.password)
        elif argon2_essayes < ARGON2_ESSAIS:
            # A voter who logged in with it keeps the roll's password, under the Argon2id
            # hash the portal put in its place at that login: still the one to show.
            argon2_essayes += 1
            garde_le_sien = verify_password(stored, creds.password, "fast")
        else:
            garde_le_sien = False
        if garde_le_sien:
            liste = args.liste or "LISTE"
            notice = f"python -m simulator autorite notice --voters {liste} --electeur {email}"
            print(
                f"Électeur de démonstration : identifiant {email}  "
                f"mot de passe Élections {creds.password}  "
                f"code de vote : sur sa notice, que donne l'autorité de credentials ({notice})"
            )
            return
    print(
        f"Électeur de démonstration : aucun parmi les {len(actifs)} premiers électeurs actifs "
        "n'a encore le mot de passe que donne --secret (liste chargée avec un autre secret, "
        "ou mots de passe changés) : identifiants non affichés"
    )
