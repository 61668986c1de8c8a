"""`python -m chiffrement verifier DOSSIER`: the verifier, with the core alone; and
`python -m chiffrement tiers …`, the key ceremony run by each trustee (commande_tiers).

Anyone with the published folder checks the election without the portal: exit status 0
when everything holds, 1 naming the first thing that does not, 2 for a bad invocation.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from chiffrement import commande_tiers
from chiffrement.erreurs import ErreurChiffrement
from chiffrement.resultats import rapport_en_clair
from chiffrement.verificateur import verifier_dossier


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, verify, print a summary in French."""
    parser = argparse.ArgumentParser(
        prog="python -m chiffrement",
        description="Vérifie une élection depuis ses seuls fichiers publiés.",
    )
    commandes = parser.add_subparsers(dest="commande", required=True)
    verifier = commandes.add_parser(
        "verifier",
        help="recalcule preuves, signatures, chaînage, sommes et résultats d'un dossier publié",
        description=(
            "Lit DOSSIER (parametres.json, parametres.empreinte, credentials.json, "
            "tableau.json, et après la clôture emargements.json, tally.json, "
            "dechiffrements.json, resultats.json), recalcule tout et nomme la première "
            "chose qui ne tient pas."
        ),
    )
    verifier.add_argument("dossier", type=Path, metavar="DOSSIER", help="dossier publié")
    commande_tiers.ajouter(commandes)
    args = parser.parse_args(argv)
    if args.commande == "tiers":
        try:
            print(args.action(args))
        except (ErreurChiffrement, OSError, ValueError, KeyError) as e:
            print(f"ÉCHEC : {e}", file=sys.stderr)
            return 1
        return 0
    if not args.dossier.is_dir():
        print(f"{args.dossier} : dossier introuvable", file=sys.stderr)
        return 2
    try:
        rapport = verifier_dossier(args.dossier)
    except ErreurChiffrement as e:
        print(f"ÉCHEC : {e}", file=sys.stderr)
        return 1
    print("\n".join(rapport_en_clair(rapport, bulletins_par_scrutin=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
