"""The vote's options of `python -m simulator`: its window, and a sealing at start for a
demonstration; and the check that a ballot box is empty before the opening."""

from __future__ import annotations

import argparse
import time
from datetime import datetime
from pathlib import Path

from simulator.commandes.bureau import sceller_dans
from simulator.settings import CLOTURE_2026, OUVERTURE_2026, PARIS
from simulator.storage import Database
from simulator.storage.urne import compter_bulletins
from simulator.vote.calendrier import date_en_clair, lire_instant
from simulator.vote.errors import FragmentsPresents, ParametresRefuses, UrneNonVide
from simulator.vote.parametres_publics import charger_parametres_publics
from simulator.vote.scellement import empreinte_cle
from simulator.vote.urne import cle_de_l_election

FORMAT = "%Y-%m-%d %H:%M"


def ajouter_options_vote(parser: argparse.ArgumentParser) -> None:
    """--ouverture-vote, --cloture-vote, --sceller, --parametres."""
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
        "--sceller",
        metavar="DOSSIER",
        type=Path,
        help="démonstration : scelle l'élection au démarrage si elle ne l'est pas, et écrit "
        "les fragments du président et de trois délégués dans DOSSIER (en vrai, chacun "
        "garde le sien : voir python -m simulator sceller)",
    )
    groupe.add_argument(
        "--parametres",
        metavar="DOSSIER",
        type=Path,
        help="paramètres publics de l'élection publiés par le bureau (python -m simulator "
        "sceller --publication DOSSIER) : vérifiés au démarrage, leur empreinte affichée ; "
        "le portail refuse de démarrer s'ils ont changé depuis son premier démarrage",
    )


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
    """Check the public parameters if given, seal at start if asked, refuse a box that
    holds ballots before the opening, and say where the vote stands. Raises UrneNonVide,
    FragmentsPresents or ParametresRefuses."""
    maintenant = time.time()
    if args.parametres is not None:
        parametres = charger_parametres_publics(db, args.parametres)
        print(
            f"Paramètres publics de l'élection vérifiés ({len(parametres.scrutins)} scrutin(s)) ; "
            f"empreinte : {parametres.empreinte}"
        )
    if args.sceller is not None and cle_de_l_election(db) is None:
        publique, _ = sceller_dans(db, args.sceller)
        print(f"Élection scellée (clé {empreinte_cle(publique)}), fragments dans {args.sceller}")
    bulletins = compter_bulletins(db.reader())
    if bulletins and maintenant < ouverture:
        raise UrneNonVide(
            f"l'urne contient déjà {bulletins} bulletin(s) avant l'ouverture du vote : le "
            "portail refuse d'ouvrir"
        )
    if cle_de_l_election(db) is None:
        print("Vote : élection non scellée (python -m simulator sceller) : pas de vote possible.")
    else:
        print(
            f"Vote : du {date_en_clair(ouverture)} au {date_en_clair(cloture)} "
            f"(heure de Paris) ; {bulletins} bulletin(s) dans l'urne."
        )


__all__ = ["FragmentsPresents", "ParametresRefuses", "UrneNonVide"]
