"""The vote's options of `python -m simulator`: its window, the public parameters the
bureau published, the public credentials the credential authority published, the
authority's service for a réassort of the code de vote, the portal's receipt key; and the
check that a ballot box is empty before the opening."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from chiffrement.credentials_publiques import CredentialsRefusees
from fixtures.console import stderr_progress
from simulator.asgi.signature import CleRefusee, lire_cle
from simulator.commandes.periode import ajouter_options_periode, lire_periode, periode_donnee
from simulator.settings import ReglesElection, Settings
from simulator.storage import Database
from simulator.storage.electeurs import sans_credential
from simulator.storage.urne import compter_bulletins
from simulator.vote.calendrier import date_en_clair
from simulator.vote.credentials import charger_credentials
from simulator.vote.election import ouvrir_election
from simulator.vote.errors import ParametresRefuses, UrneNonVide
from simulator.vote.parametres_publics import charger_parametres_publics


def ajouter_options_vote(parser: argparse.ArgumentParser) -> None:
    """--ouverture-vote, --cloture-vote, --parametres, --credentials, --autorite,
    --autorite-cle, --cle-accuses."""
    groupe = parser.add_argument_group("vote")
    ajouter_options_periode(
        groupe,
        "ouverture du vote",
        "clôture du vote ; un électeur déjà connecté garde 30 minutes",
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
        "--credentials",
        metavar="FICHIER",
        type=Path,
        help="credentials publiques des électeurs publiées par l'autorité de credentials "
        "(python -m simulator autorite generer) : vérifiées contre les paramètres, leur "
        "empreinte affichée ; le portail refuse un fichier fait pour d'autres paramètres, "
        "pour une autre liste, ou autre que celui de son premier démarrage ; un bulletin "
        "n'est pris que signé par la credential que ce fichier donne à l'électeur, ou par "
        "celle d'un réassort que l'autorité a signé (pas par celle de la base)",
    )
    groupe.add_argument(
        "--autorite",
        metavar="URL",
        help="service de l'autorité de credentials (python -m simulator autorite servir), "
        "appelé au réassort du code de vote ; sans lui, pas de réassort du code de vote",
    )
    groupe.add_argument(
        "--autorite-cle",
        metavar="FICHIER",
        type=Path,
        help="clé partagée avec l'autorité (mode 600), qui signe les demandes du portail",
    )
    groupe.add_argument(
        "--cle-accuses",
        metavar="FICHIER",
        type=Path,
        help="clé du portail qui signe les preuves de vote (mode 600, créée au premier "
        "démarrage ; défaut : à côté de la base, BASE-accuses.cle)",
    )


def reglages_vote(args: argparse.Namespace, fenetre: tuple[float, float]) -> dict[str, Any]:
    """The vote's settings the options give: window, public parameters, receipt key,
    the authority's service and public credentials file."""
    return {
        "ouverture_vote": fenetre[0],
        "cloture_vote": fenetre[1],
        "parametres": str(args.parametres) if args.parametres else None,
        "cle_accuses": str(args.cle_accuses) if args.cle_accuses else None,
        "autorite_url": args.autorite,
        "autorite_cle": str(args.autorite_cle) if args.autorite_cle else None,
        "credentials": str(args.credentials) if args.credentials else None,
        # Set by preparer_vote once the file is checked: the workers read that very file.
        "empreinte_credentials": getattr(args, "empreinte_credentials", None),
    }


# Options given as « maintenant » are read a few seconds after the sealing that read them
# too: that much apart, they say the same period, and nothing is announced.
ECART_TOLERE_S = 120


def fenetre(parser: argparse.ArgumentParser, args: argparse.Namespace) -> tuple[float, float]:
    """The window the options give, checked (the closing after the opening); and the
    authority's options, which go together."""
    if (args.autorite is None) != (args.autorite_cle is None):
        parser.error("--autorite et --autorite-cle vont ensemble")
    if args.credentials is not None and args.parametres is None:
        parser.error("--credentials demande --parametres (celles-ci en dépendent)")
    return lire_periode(parser, args)


def preparer_vote(
    db: Database, args: argparse.Namespace, ouverture: float, cloture: float
) -> tuple[float, float]:
    """Check the public parameters if given and load the authority's public credentials,
    refuse a box that holds ballots before the opening, and say where the vote stands;
    return the voting window: the period the bureau sealed in the parameters when they
    have one (the count waits for its closing), else the options'. Raises UrneNonVide or
    ParametresRefuses."""
    maintenant = time.time()
    if args.parametres is not None:
        parametres = charger_parametres_publics(db, args.parametres)
        print(
            f"Paramètres publics de l'élection vérifiés ({len(parametres.scrutins)} scrutin(s)) ; "
            f"empreinte : {parametres.empreinte}"
        )
        if parametres.periode is not None:
            scellee = (float(parametres.periode[0]), float(parametres.periode[1]))
            ecart = max(abs(scellee[0] - ouverture), abs(scellee[1] - cloture))
            # Said only of dates given on the command line: the options' defaults (the
            # 2026 vote) set aside by a sealed period are no one's mistake.
            if periode_donnee(args) and ecart > ECART_TOLERE_S:
                print(
                    "Période de vote scellée par le bureau dans les paramètres : elle prime "
                    f"sur --ouverture-vote et --cloture-vote (du {date_en_clair(ouverture)} au "
                    f"{date_en_clair(cloture)}), que le dépouillement ne connaît pas."
                )
            ouverture, cloture = scellee
        if args.credentials is not None:
            try:
                chargement = charger_credentials(
                    db, parametres, args.credentials, stderr_progress("Credentials")
                )
            except CredentialsRefusees as exc:
                raise ParametresRefuses(f"credentials publiques refusées : {exc}") from None
            args.empreinte_credentials = chargement.empreinte
            print(
                f"Credentials publiques vérifiées ({chargement.electeurs} électeur(s), "
                f"{chargement.inscrites} inscrite(s) maintenant) ; empreinte : "
                f"{chargement.empreinte}"
            )
        if sans := len(sans_credential(db.reader())):
            print(
                f"Attention : {sans} électeur(s) sans credential publique (--credentials, "
                "publiées par python -m simulator autorite generer) ne pourront pas voter."
            )
        if args.autorite_cle is not None:
            try:
                lire_cle(args.autorite_cle)
            except CleRefusee as exc:
                raise ParametresRefuses(str(exc)) from None
        # The board opened (or checked) once here, before any worker: a swapped receipt
        # key stops the portal with its reason instead of failing every worker.
        cle = str(args.cle_accuses) if args.cle_accuses else None
        ouvrir_election(
            db,
            Settings(
                db_path=args.db,
                election=ReglesElection(parametres=str(args.parametres), cle_accuses=cle),
            ),
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
    return ouverture, cloture


__all__ = ["ParametresRefuses", "UrneNonVide"]
