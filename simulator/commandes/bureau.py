"""`python -m simulator sceller` and `python -m simulator depouiller`: the bureau de vote's
two commands, before the opening and after the closing."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from nacl.public import PublicKey

from fixtures.arguments import entier_positif
from simulator.commandes.bureau_chiffre import (
    ajouter_options_sceller,
    depouiller_publication,
    periode_scellee,
    sceller_publication,
)
from simulator.storage import Database
from simulator.vote.errors import DepouillementRefuse, FragmentsPresents, UrneNonVide
from simulator.vote.scellement import (
    SEUIL_DELEGUES,
    Fragment,
    empreinte_cle,
    sceller,
)
from simulator.vote.urne import Depouillement, depouiller, enregistrer_cle, publier

BASE = Path("var/portail.sqlite3")


def _sceller(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m simulator sceller",
        description="Scelle l'élection avant l'ouverture : tire sa paire de clés, garde la clé "
        "publique dans la base du portail (les bulletins seront chiffrés avec elle dès leur "
        "réception) et partage la clé privée entre le président du bureau de vote et les "
        f"délégués (le dépouillement demandera le président et au moins {SEUIL_DELEGUES} "
        "délégués). La clé privée elle-même n'est écrite nulle part.",
    )
    parser.add_argument(
        "--db", type=Path, default=BASE, help="base du portail (défaut : %(default)s)"
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
        default=Path("var/fragments"),
        help="dossier où écrire un fichier de fragment par détenteur (défaut : %(default)s)",
    )
    ajouter_options_sceller(parser)
    args = parser.parse_args(argv)
    if args.delegues < SEUIL_DELEGUES:
        parser.error(f"--delegues : il en faut au moins {SEUIL_DELEGUES}")
    periode = periode_scellee(parser, args)
    try:
        publique, fichiers = sceller_dans(Database(args.db), args.fragments, args.delegues)
    except (FragmentsPresents, UrneNonVide) as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        return 1
    print(f"Élection scellée, clé {empreinte_cle(publique)} ; fragments dans {args.fragments} :")
    for fichier in fichiers:
        print(f"  {fichier}")
    if args.publication is not None:
        return sceller_publication(Database(args.db), args, *periode)
    return 0


def sceller_dans(db: Database, dossier: Path, delegues: int = 3) -> tuple[PublicKey, list[Path]]:
    """Seal the election of `db` and write one fragment file per holder into `dossier`
    (mode 600); refused when fragments are already there or the box holds ballots."""
    fichiers = [dossier / "president.json"] + [
        dossier / f"delegue-{n}.json" for n in range(1, delegues + 1)
    ]
    deja = [f for f in fichiers if f.exists()]
    if deja:
        raise FragmentsPresents(f"fragments déjà présents ({deja[0]}) : rien n'est écrasé")
    publique, fragments = sceller(delegues)
    enregistrer_cle(db, publique)
    dossier.mkdir(mode=0o700, parents=True, exist_ok=True)
    for fichier, fragment in zip(fichiers, fragments, strict=True):
        # Created 600 at once: a chmod after writing left a moment where others could read.
        fd = os.open(fichier, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as sortie:
            sortie.write(fragment.vers_texte())
    return publique, fichiers


def _afficher(resultat: Depouillement) -> None:
    for scrutin in sorted(resultat.resultats):
        r = resultat.resultats[scrutin]
        print(f"\n{scrutin}")
        for liste, voix in r.voix.most_common():
            print(f"  {voix:8d}  {liste}")
        print(
            f"  bulletins {r.bulletins}, émargements {r.emargements}, inscrits {r.inscrits}, "
            f"participation {r.participation:.1%}"
        )
        if not r.concordant:
            print(f"  ATTENTION : {r.bulletins} bulletin(s) pour {r.emargements} émargement(s)")


def _depouiller(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m simulator depouiller",
        description="Dépouille l'urne : reconstitue la clé de l'élection avec le fragment du "
        f"président et ceux d'au moins {SEUIL_DELEGUES} délégués, ouvre chaque bulletin, "
        "compte les voix par scrutin, vérifie que les bulletins égalent les émargements et "
        "publie la liste des empreintes (chaque électeur y retrouve celle de son accusé "
        "de réception).",
    )
    parser.add_argument(
        "fragments", nargs="+", type=Path, metavar="FRAGMENT", help="fichiers de fragment"
    )
    parser.add_argument(
        "--db", type=Path, default=BASE, help="base du portail (défaut : %(default)s)"
    )
    parser.add_argument(
        "--empreintes",
        type=Path,
        default=Path("var/empreintes.txt"),
        help="liste publiée des empreintes des bulletins (défaut : %(default)s)",
    )
    parser.add_argument(
        "--publication",
        type=Path,
        metavar="DOSSIER",
        help="dépouille le tableau publié dans DOSSIER selon le protocole vérifiable : les "
        "FRAGMENT sont alors les clés des tiers (president.cle, delegue-N.cle) ; rien n'est "
        "publié au moindre écart (statut 2, ou 3 si bulletins et émargements diffèrent)",
    )
    parser.add_argument(
        "--horloge-de-test",
        action="store_true",
        help="avec --publication : l'heure est celle de l'horloge de test du portail de "
        "--db (son décalage), pas celle du système ; pour les essais seulement",
    )
    args = parser.parse_args(argv)
    if args.publication is not None:
        return depouiller_publication(args)
    base = Database(args.db)
    try:
        fragments = [Fragment.depuis_fichier(f) for f in args.fragments]
        resultat = depouiller(base, fragments)
    except DepouillementRefuse as exc:
        print(f"dépouillement refusé : {exc}", file=sys.stderr)
        return 2
    _afficher(resultat)
    publier(base, resultat, time.time())
    args.empreintes.parent.mkdir(parents=True, exist_ok=True)
    args.empreintes.write_text("".join(f"{e}\n" for e in resultat.empreintes), encoding="utf-8")
    print(
        f"\n{len(resultat.empreintes)} empreinte(s) publiée(s) dans {args.empreintes} "
        "et sur la page « Vérifier mon vote » du portail (/verification)"
    )
    if not resultat.concordant:
        print("ATTENTION : bulletins et émargements ne concordent pas", file=sys.stderr)
        return 3
    return 0


COMMANDES = {"sceller": _sceller, "depouiller": _depouiller}


def main(commande: str, argv: list[str]) -> int:
    """Run one of the bureau's commands; return its exit status."""
    return COMMANDES[commande](argv)
