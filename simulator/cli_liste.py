"""The roll of `python -m simulator --voters CSV`: loaded once into an empty database, and
the demonstration voter announced with what it types (password, code de vote)."""

from __future__ import annotations

import argparse

from fixtures.console import stderr_progress
from fixtures.identifiants import deriver_code_vote, deriver_identifiants
from simulator.chargement import charger_liste
from simulator.identifiants import SECRET_KEY
from simulator.storage import Database
from simulator.storage.electeurs import compter_electeurs, lire_meta, premier_electeur_actif


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
        secret = lire_meta(db.reader(), SECRET_KEY) or args.secret
        creds = deriver_identifiants(email, secret)
        print(
            f"Électeur de démonstration : identifiant {email}  "
            f"mot de passe Élections {creds.password}  "
            f"code de vote {deriver_code_vote(email, secret)}"
        )
