"""`python -m load.preparer_reserve`: build the Votant persona's ballots ahead of a load
run, as a real injector would (harnais/reserve_bulletins.py), then give the file to
Locust with `--reserve-bulletins`.

    .venv/bin/python -m load.preparer_reserve --liste liste.csv --secret-liste S \\
        --parametres publication/parametres.json --sortie reserve.jsonl

The accounts are the roll's « actif » ones in the roll's order, the order in which the
personas take them; `--electeurs N` stops after the first N (a run uses only as many as
its arrivals). Codes de vote are the notices' (derived from the roll's secret).
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.request
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from chiffrement.erreurs import ErreurChiffrement
from chiffrement.parametres import Parametres, lire_parametres
from fixtures import arguments
from fixtures.console import no_progress, stderr_progress
from fixtures.identifiants import deriver_code_vote
from fixtures.liste import SCRUTIN_SEPARATOR, ListeInvalide, lire_liste
from harnais.reserve_bulletins import VotantPrevu, ecrire_reserve


def parametres_de_la_source(source: str) -> Parametres:
    """The election's public parameters from a file or an http(s) URL."""
    if source.startswith(("http://", "https://")):
        with urllib.request.urlopen(source, timeout=30) as reponse:
            texte = reponse.read().decode("utf-8")
    else:
        texte = Path(source).read_text(encoding="utf-8")
    return lire_parametres(json.loads(texte))


def electeurs_actifs(liste: Path, secret: str) -> Iterator[VotantPrevu]:
    """The roll's « actif » voters in order, with their notices' codes de vote."""
    for _, champs in lire_liste(liste, doublons=False):
        if champs[7] == "actif":
            scrutins = tuple(s for s in champs[6].split(SCRUTIN_SEPARATOR) if s)
            yield VotantPrevu(champs[3], deriver_code_vote(champs[3], secret), scrutins)


def preparer(
    liste: Path,
    secret: str,
    parametres: Parametres,
    sortie: Path,
    electeurs: int | None = None,
    processus: int = 2,
    bavard: bool = True,
) -> int:
    """Write the reserve of the roll's first `electeurs` « actif » voters (all without);
    return how many it holds. Progress on stderr when `bavard`."""
    source = electeurs_actifs(liste, secret)
    choisis = list(source if electeurs is None else islice(source, electeurs))
    rapport = stderr_progress("Bulletins d'avance (électeurs)") if bavard else no_progress
    return ecrire_reserve(
        parametres,
        choisis,
        sortie,
        processus,
        progression=lambda faits: rapport(faits, len(choisis)),
    )


def main(argv: list[str] | None = None) -> int:
    """The command: read the options, build the reserve, say what was written."""
    parser = argparse.ArgumentParser(
        prog="python -m load.preparer_reserve",
        description="Construit d'avance les bulletins du persona Votant (chiffrés, prouvés, "
        "signés comme le navigateur les construit), pour un tir Locust lancé avec "
        "--reserve-bulletins : le tir mesure alors le portail qui vérifie les bulletins, "
        "pas l'injecteur qui les construit. Chaque bulletin ne sert qu'une fois.",
        epilog="Exemple : python -m load.preparer_reserve --liste liste.csv --secret-liste S "
        "--parametres http://127.0.0.1:8000/election/parametres.json --sortie reserve.jsonl",
    )
    parser.add_argument(
        "--liste",
        type=arguments.fichier_lisible,
        required=True,
        metavar="CSV",
        help="liste électorale dont les comptes « actif » voteront",
    )
    parser.add_argument(
        "--secret-liste",
        required=True,
        help="secret de la liste, d'où dérivent les codes de vote des notices",
    )
    parser.add_argument(
        "--parametres",
        required=True,
        metavar="FICHIER|URL",
        help="paramètres publics de l'élection (parametres.json, ou son URL)",
    )
    parser.add_argument(
        "--sortie",
        type=Path,
        required=True,
        metavar="JSONL",
        help="fichier de la réserve (écrit en mode 600)",
    )
    parser.add_argument(
        "--electeurs",
        type=arguments.entier_positif,
        default=None,
        metavar="N",
        help="seulement les N premiers comptes « actif »",
    )
    parser.add_argument(
        "--processus",
        type=arguments.entier_positif,
        default=2,
        help="processus de calcul (défaut : %(default)s)",
    )
    args = parser.parse_args(argv)
    try:
        parametres = parametres_de_la_source(args.parametres)
    except (OSError, ValueError, ErreurChiffrement) as exc:
        parser.error(f"--parametres : illisibles ({exc})")
    try:
        n = preparer(
            args.liste, args.secret_liste, parametres, args.sortie, args.electeurs, args.processus
        )
    except ListeInvalide as exc:
        parser.error(f"--liste : {exc}")
    print(f"Réserve : {n} électeurs dans {args.sortie}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
