"""`python -m simulator verifier DOSSIER`: anyone's check of a published election, from
its public files alone (chiffrement.verificateur); it needs neither the portal's
database nor a trustee's key."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from chiffrement.erreurs import ErreurChiffrement
from chiffrement.preuves_de_vote import fichiers_de_preuves
from chiffrement.resultats import rapport_en_clair
from chiffrement.verificateur import verifier_dossier


def main(argv: list[str]) -> int:
    """`python -m simulator verifier DOSSIER`."""
    parser = argparse.ArgumentParser(
        prog="python -m simulator verifier",
        description="Vérifie une élection depuis ses seuls fichiers publiés : paramètres et "
        "empreinte, clés des tiers, chaînage du tableau, preuves et signatures de chaque "
        "bulletin, bulletins = émargements par scrutin, sommes homomorphes, déchiffrements "
        "partiels et résultats. Nomme la première chose qui ne tient pas (statut 1).",
    )
    parser.add_argument("dossier", type=Path, metavar="DOSSIER", help="dossier publié")
    parser.add_argument(
        "--credentials",
        type=Path,
        metavar="FICHIER",
        help="fichier des credentials publiques de l'autorité (python -m simulator autorite "
        "generer) : le tableau doit s'être ouvert avec exactement celles-là",
    )
    parser.add_argument(
        "--preuves",
        type=Path,
        nargs="+",
        metavar="PREUVE",
        help="preuves de vote gardées par des électeurs (fichiers JSON « Télécharger la "
        "preuve de vote », ou dossiers qui en contiennent) : chacune doit être signée par la "
        "clé que publie l'ouverture du tableau, et son bulletin au tableau à sa hauteur ; un "
        "bulletin retiré, chaînage recalculé, y est nommé",
    )
    args = parser.parse_args(argv)
    for chemin in args.preuves or ():
        if not chemin.exists():
            parser.error(f"--preuves : {chemin} : fichier introuvable")
    if args.credentials is not None and not args.credentials.is_file():
        parser.error(f"--credentials : {args.credentials} : fichier introuvable")
    if not args.dossier.is_dir():
        parser.error(f"{args.dossier} : dossier introuvable")
    try:
        preuves = None if args.preuves is None else fichiers_de_preuves(args.preuves)
        rapport = verifier_dossier(args.dossier, args.credentials, preuves)
    except ErreurChiffrement as exc:
        print(f"ÉCHEC : {exc}", file=sys.stderr)
        return 1
    print("\n".join(rapport_en_clair(rapport)))
    return 0
