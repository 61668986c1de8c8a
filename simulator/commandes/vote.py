"""The vote's options of `python -m simulator`: its window, the public parameters the
bureau published and the portal's receipt key; the voters' public credentials computed at
start; and the check that a ballot box is empty before the opening."""

from __future__ import annotations

import argparse
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from simulator.settings import CLOTURE_2026, OUVERTURE_2026, PARIS, Settings
from simulator.storage import Database
from simulator.storage.urne import compter_bulletins
from simulator.vote.calendrier import date_en_clair, lire_instant
from simulator.vote.credentials import completer_credentials
from simulator.vote.election import ouvrir_election
from simulator.vote.errors import ParametresRefuses, UrneNonVide
from simulator.vote.parametres_publics import charger_parametres_publics

FORMAT = "%Y-%m-%d %H:%M"


def ajouter_options_vote(parser: argparse.ArgumentParser) -> None:
    """--ouverture-vote, --cloture-vote, --parametres, --cle-accuses."""
    groupe = parser.add_argument_group("vote")
    groupe.add_argument(
        "--ouverture-vote",
        metavar="DATE",
        default=datetime.fromtimestamp(OUVERTURE_2026, PARIS).strftime(FORMAT),
        help="ouverture du vote, heure de Paris : « AAAA-MM-JJ HH:MM », « maintenant » ou "
        "« dans N jours|heures|minutes » (défaut : %(default)s)",
    )
    groupe.add_argument(
        "--cloture-vote",
        metavar="DATE",
        default=datetime.fromtimestamp(CLOTURE_2026, PARIS).strftime(FORMAT),
        help="clôture du vote, même écriture ; un électeur déjà connecté garde 30 minutes "
        "(défaut : %(default)s)",
    )
    groupe.add_argument(
        "--parametres",
        metavar="DOSSIER",
        type=Path,
        help="paramètres publics de l'élection publiés par le bureau (python -m simulator "
        "sceller --publication DOSSIER) : vérifiés au démarrage, leur empreinte affichée ; "
        "le portail refuse de démarrer s'ils ont changé depuis son premier démarrage ; sans "
        "eux, il ne prend aucun bulletin",
    )
    groupe.add_argument(
        "--cle-accuses",
        metavar="FICHIER",
        type=Path,
        help="clé du portail qui signe les preuves de vote (mode 600, créée au premier "
        "démarrage ; défaut : à côté de la base, BASE-accuses.cle)",
    )


def reglages_vote(args: argparse.Namespace, fenetre: tuple[float, float]) -> dict[str, Any]:
    """The vote's settings the options give: window, public parameters, receipt key."""
    return {
        "ouverture_vote": fenetre[0],
        "cloture_vote": fenetre[1],
        "parametres": str(args.parametres) if args.parametres else None,
        "cle_accuses": str(args.cle_accuses) if args.cle_accuses else None,
    }


def fenetre(parser: argparse.ArgumentParser, args: argparse.Namespace) -> tuple[float, float]:
    """The window the options give, checked: a closing before the opening is refused."""
    maintenant = time.time()
    try:
        ouverture = lire_instant(args.ouverture_vote, maintenant)
        cloture = lire_instant(args.cloture_vote, maintenant)
    except ValueError as exc:
        parser.error(str(exc))
    if cloture <= ouverture:
        parser.error(
            f"--cloture-vote ({date_en_clair(cloture)}) doit suivre --ouverture-vote "
            f"({date_en_clair(ouverture)})"
        )
    return ouverture, cloture


def preparer_vote(db: Database, args: argparse.Namespace, ouverture: float, cloture: float) -> None:
    """Check the public parameters if given and give the roll's voters their public
    credentials, refuse a box that holds ballots before the opening, and say where the
    vote stands. Raises UrneNonVide or ParametresRefuses."""
    maintenant = time.time()
    if args.parametres is not None:
        parametres = charger_parametres_publics(db, args.parametres)
        print(
            f"Paramètres publics de l'élection vérifiés ({len(parametres.scrutins)} scrutin(s)) ; "
            f"empreinte : {parametres.empreinte}"
        )
        debut = time.monotonic()
        faites = completer_credentials(db, parametres, args.secret)
        if faites:
            print(
                f"Credentials publiques de {faites} électeur(s) dérivées de leur code de vote "
                f"({parametres.iterations} itérations, {time.monotonic() - debut:.1f} s)."
            )
        # The board opened (or checked) once here, before any worker: a swapped receipt
        # key stops the portal with its reason instead of failing every worker.
        cle = str(args.cle_accuses) if args.cle_accuses else None
        ouvrir_election(
            db, Settings(db_path=args.db, parametres=str(args.parametres), cle_accuses=cle)
        )
    bulletins = compter_bulletins(db.reader())
    if bulletins and maintenant < ouverture:
        raise UrneNonVide(
            f"l'urne contient déjà {bulletins} bulletin(s) avant l'ouverture du vote : le "
            "portail refuse d'ouvrir"
        )
    if args.parametres is None:
        print(
            "Vote : pas de paramètres publics (--parametres, publiés par python -m simulator "
            "sceller) : pas de vote possible."
        )
    else:
        print(
            f"Vote : du {date_en_clair(ouverture)} au {date_en_clair(cloture)} "
            f"(heure de Paris) ; {bulletins} bulletin(s) dans l'urne."
        )


__all__ = ["ParametresRefuses", "UrneNonVide"]
