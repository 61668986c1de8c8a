"""The bureau's commands on the vote's crypto core (chiffrement/, Belenios's protocol):
`sceller` and `depouiller` (the verifier, anyone's, is in `verifier.py`).

Sealing publishes the election's parameters (scrutins and lists of the loaded roll, the
trustees' public keys, the voting period) in a publication folder and writes each
trustee's key share to its own file, mode 600. Counting works from the publication folder
alone (the board, the émargements) and the trustees' key files."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from chiffrement import bureau
from chiffrement.credential import ITERATIONS_PAR_DEFAUT
from chiffrement.fichiers import FichierRefuse
from chiffrement.resultats import resultats_en_clair
from simulator.clock import Clock
from simulator.commandes.periode import ajouter_options_periode
from simulator.storage import Database
from simulator.storage.electeurs import scrutins_de_la_liste
from simulator.vote.calendrier import date_en_clair
from simulator.vote.depouillement import depouiller_election
from simulator.vote.parametres_publics import lire_parametres_publies
from simulator.vote.scrutins_publics import identifiant_scrutin, scrutins_publics


def sceller_publication(
    db: Database, args: argparse.Namespace, ouverture: float, cloture: float
) -> int:
    """`sceller --publication`: the core's key ceremony and the public parameters."""
    noms = scrutins_de_la_liste(db.reader())
    if not noms:
        print("erreur : aucune liste électorale chargée, aucun scrutin à sceller", file=sys.stderr)
        return 1
    try:
        parametres, fichiers = bureau.sceller(
            args.fragments,
            args.publication,
            args.election,
            args.nom,
            scrutins_publics(noms),
            args.delegues,
            args.iterations,
            (int(ouverture), int(cloture)),
        )
    except (FichierRefuse, KeyError) as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        return 1
    print(
        f"Paramètres publics dans {args.publication} ({len(noms)} scrutin(s), vote du "
        f"{date_en_clair(ouverture)} au {date_en_clair(cloture)}) ; empreinte à afficher "
        f"et à comparer : {parametres.empreinte}"
    )
    print("Clés des tiers, chacune dans le fichier de son détenteur (mode 600) :")
    for fichier in fichiers:
        print(f"  {fichier}")
    print(
        "Démonstration : les rondes de la cérémonie ont tourné dans ce seul processus. "
        "En vrai, chaque tiers tourne la sienne chez lui (python -m chiffrement tiers)."
    )
    print(
        "L'autorité de credentials en dérive les credentials publiques : python -m simulator "
        f"autorite generer --voters CSV --parametres {args.publication}"
    )
    print(f"Le portail lit ces paramètres : python -m simulator --parametres {args.publication}")
    return 0


def ajouter_options_sceller(parser: argparse.ArgumentParser) -> None:
    """The options of `sceller` for the core's sealing."""
    groupe = parser.add_argument_group("protocole vérifiable (Belenios)")
    ajouter_options_periode(
        groupe,
        "ouverture du vote scellée dans les paramètres",
        "clôture scellée : le dépouillement est refusé avant elle plus 30 minutes",
    )
    groupe.add_argument(
        "--publication",
        type=Path,
        default=Path("var/publication"),
        metavar="DOSSIER",
        help="où publier les paramètres publics et leur empreinte, que le portail lit "
        "(--parametres DOSSIER) et que le vérificateur relit (défaut : %(default)s)",
    )
    groupe.add_argument("--election", default="elections-pro-2026", help="identifiant")
    groupe.add_argument(
        "--nom", default="Élections professionnelles 2026", help="libellé de l'élection"
    )
    groupe.add_argument(
        "--iterations",
        type=int,
        default=ITERATIONS_PAR_DEFAUT,
        help="itérations de PBKDF2 pour dériver la credential du code de vote "
        "(défaut : %(default)s)",
    )


def depouiller_publication(args: argparse.Namespace) -> int:
    """`depouiller --publication DOSSIER CLE…`: close and publish the portal's board, then
    count from the published files and the trustees' key files.

    The closing is checked against the system's time: the portal's test clock (an offset
    in a file beside the database, which whoever may write the database may write too)
    moves it only when `--horloge-de-test` asks for it (issue #21, attack 6)."""
    if not args.db.exists():
        print(f"erreur : base du portail {args.db} introuvable", file=sys.stderr)
        return 2
    db = Database(args.db)
    maintenant = Clock(db).now() if args.horloge_de_test else time.time()
    try:
        resultat = depouiller_election(
            db, args.publication, args.publication, args.fragments, maintenant
        )
    except bureau.Discordance as exc:
        print(f"dépouillement refusé, rien n'est publié : {exc}", file=sys.stderr)
        return 3
    except bureau.DepouillementRefuse as exc:
        print(f"dépouillement refusé, rien n'est publié : {exc}", file=sys.stderr)
        return 2
    parametres = lire_parametres_publies(args.publication)
    for ligne in resultats_en_clair(parametres, resultat):
        print(ligne if ligne.startswith(" ") else f"\n{ligne}")
    print(
        f"\nRésultats, sommes chiffrées et déchiffrements partiels publiés dans {args.publication}"
    )
    return 0


__all__ = ["identifiant_scrutin", "scrutins_publics"]
