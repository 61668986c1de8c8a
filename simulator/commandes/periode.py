"""The voting period's two options, `--ouverture-vote` and `--cloture-vote`, shared by
the portal (its window) and `sceller` (the period sealed in the parameters): one writing
of the dates, one check that the closing follows the opening."""

from __future__ import annotations

import argparse
import time
from datetime import datetime

from simulator.settings import CLOTURE_2026, OUVERTURE_2026, PARIS
from simulator.vote.calendrier import date_en_clair, lire_instant

FORMAT = "%Y-%m-%d %H:%M"
ECRITURE = (
    "heure de Paris : « AAAA-MM-JJ HH:MM », « maintenant » ou « dans N jours|heures|minutes »"
)


# The 2026 vote, as the options write it: their defaults when left out.
OUVERTURE_DEFAUT = datetime.fromtimestamp(OUVERTURE_2026, PARIS).strftime(FORMAT)
CLOTURE_DEFAUT = datetime.fromtimestamp(CLOTURE_2026, PARIS).strftime(FORMAT)


def ajouter_options_periode(groupe: argparse._ArgumentGroup, ouverture: str, cloture: str) -> None:
    """--ouverture-vote and --cloture-vote (defaults: the 2026 vote), each help starting
    with what the date is for (`ouverture`, `cloture`). Left out, each stays None, so
    that a command can tell a date given from its default (`periode_donnee`)."""
    groupe.add_argument(
        "--ouverture-vote",
        metavar="DATE",
        help=f"{ouverture}, {ECRITURE} (défaut : {OUVERTURE_DEFAUT})",
    )
    groupe.add_argument(
        "--cloture-vote",
        metavar="DATE",
        help=f"{cloture}, même écriture (défaut : {CLOTURE_DEFAUT})",
    )


def periode_donnee(args: argparse.Namespace) -> bool:
    """Whether either date was given on the command line rather than left to its default."""
    return args.ouverture_vote is not None or args.cloture_vote is not None


def lire_periode(parser: argparse.ArgumentParser, args: argparse.Namespace) -> tuple[float, float]:
    """The period the options give (their defaults for those left out), checked: a
    closing before the opening is refused."""
    maintenant = time.time()
    try:
        ouverture = lire_instant(args.ouverture_vote or OUVERTURE_DEFAUT, maintenant)
        cloture = lire_instant(args.cloture_vote or CLOTURE_DEFAUT, maintenant)
    except ValueError as exc:
        parser.error(str(exc))
    if cloture <= ouverture:
        parser.error(
            f"--cloture-vote ({date_en_clair(cloture)}) doit suivre --ouverture-vote "
            f"({date_en_clair(ouverture)})"
        )
    return ouverture, cloture
