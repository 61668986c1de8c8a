"""`python -m simulator sceller` and `python -m simulator depouiller`: the bureau de vote's
two commands, before the opening and after the closing, on the vote's crypto core
(chiffrement/, Belenios's protocol). The portal takes no part in them: it only reads the
public parameters that `sceller` publishes, and its board is what `depouiller` counts."""

from __future__ import annotations

import argparse
from pathlib import Path

from fixtures.arguments import entier_positif
from fixtures.identifiants import SECRET_DEMONSTRATION
from simulator.commandes.bureau_chiffre import (
    ajouter_options_sceller,
    depouiller_publication,
    sceller_publication,
)
from simulator.commandes.chargement import charger_liste
from simulator.commandes.periode import lire_periode
from simulator.storage import Database
from simulator.storage.electeurs import compter_electeurs

BASE = Path("var/portail.sqlite3")
SEUIL_DELEGUES = 2


def _sceller(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m simulator sceller",
        description="Scelle l'élection avant l'ouverture (protocole Belenios) : la clé de "
        "l'élection est engendrée par le président et les délégués (le dépouillement "
        f"demandera le président et au moins {SEUIL_DELEGUES} délégués), chacun reçoit sa "
        "clé dans son fichier (mode 600), et les paramètres publics (scrutins de la liste "
        "chargée et leurs listes de candidats, clés publiques, période) sont publiés avec "
        "leur empreinte. La clé privée de l'élection n'existe nulle part.",
    )
    parser.add_argument(
        "--db", type=Path, default=BASE, help="base du portail (défaut : %(default)s)"
    )
    parser.add_argument(
        "--voters",
        dest="liste",
        type=Path,
        metavar="CSV",
        help="liste électorale à charger d'abord si la base n'a encore aucun électeur",
    )
    parser.add_argument(
        "--secret", default=SECRET_DEMONSTRATION, help="secret de la liste chargée par --voters"
    )
    parser.add_argument(
        "--delegues",
        type=entier_positif,
        default=3,
        help="nombre de délégués (défaut : %(default)s)",
    )
    parser.add_argument(
        "--fragments",
        type=Path,
        default=Path("var/tiers"),
        help="dossier où écrire la clé de chaque tiers, president.cle et delegue-N.cle "
        "(défaut : %(default)s)",
    )
    ajouter_options_sceller(parser)
    args = parser.parse_args(argv)
    if args.delegues < SEUIL_DELEGUES:
        parser.error(f"--delegues : il en faut au moins {SEUIL_DELEGUES}")
    periode = lire_periode(parser, args)
    db = Database(args.db)
    if args.liste is not None and not compter_electeurs(db.reader()):
        nombre = charger_liste(db, args.liste, args.secret)
        print(f"Liste électorale {args.liste} chargée : {nombre} électeurs.")
    return sceller_publication(db, args, *periode)


def _depouiller(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m simulator depouiller",
        description="Dépouille après la clôture scellée et ses 30 minutes de grâce (heure du "
        "système ; --horloge-de-test pour celle du portail d'essai) : clôt le tableau public "
        "du portail, le publie avec les émargements à côté "
        "des paramètres, vérifie chaque bulletin, puis chaque tiers déchiffre partiellement "
        "les sommes chiffrées de chaque liste, preuve à l'appui ; aucun bulletin n'est "
        "déchiffré seul. Rien n'est publié au moindre écart (statut 2, ou 3 si bulletins et "
        "émargements diffèrent).",
    )
    parser.add_argument(
        "fragments",
        nargs="+",
        type=Path,
        metavar="CLE",
        help="fichiers de clé des tiers : president.cle et au moins deux delegue-N.cle",
    )
    parser.add_argument(
        "--db", type=Path, default=BASE, help="base du portail (défaut : %(default)s)"
    )
    parser.add_argument(
        "--publication",
        type=Path,
        default=Path("var/publication"),
        metavar="DOSSIER",
        help="dossier des paramètres publiés par sceller, où le tableau, les émargements et "
        "les résultats sont publiés (défaut : %(default)s)",
    )
    parser.add_argument(
        "--horloge-de-test",
        action="store_true",
        help="l'heure est celle de l'horloge de test du portail de --db (son décalage), pas "
        "celle du système ; pour les essais seulement",
    )
    return depouiller_publication(parser.parse_args(argv))


COMMANDES = {"sceller": _sceller, "depouiller": _depouiller}


def main(commande: str, argv: list[str]) -> int:
    """Run one of the bureau's commands; return its exit status."""
    return COMMANDES[commande](argv)
