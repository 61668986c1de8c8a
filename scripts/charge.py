"""`make load`: the opening-peak profile against a reference portal started for the run.

Builds a roll of (electorate × factor) voters, starts the reference portal on it (cheap
Argon2, test hooks, no per-address form limit: every simulated voter shares 127.0.0.1),
runs `load/<profile>.py` headless with CSV and HTML reports, prints the SLO verdict and
exits with Locust's status. Options it does not know go to Locust as they are.

`--panne-refus` and `--panne-retard` turn on the sink's chaos switches for the whole run:
the 2022 opening, when reset mails came late, rehearsed against the reference portal.

    .venv/bin/python scripts/charge.py [--profil ouverture] [--facteur 0.05] [--echelle-temps 12]
        [--panne-refus 0.2] [--panne-retard 30] [--slo-mail-p95-s 120 …options de Locust]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from fixtures.arguments import duree_s, entier_positif, nombre_naturel, nombre_positif, part
from fixtures.console import stderr_progress
from fixtures.generateur import OptionsListe, ecrire_fichier_liste
from harnais.courrier import Mailbox
from load import rapport_parcours
from load.lancement import locust_command, locust_env, portail_de_charge
from load.seuils import seuils

ROOT = Path(__file__).resolve().parent.parent
SECRET = "secret-de-charge"
PROFILS = ("ouverture", "palier", "journee", "parcours", "connexion", "debit", "2018", "2022")
# The file of a profile whose name is not a module's (load/incident2018.py).
FICHIERS = {"2018": "incident2018", "2022": "incident2022"}
# What an incident replay sets unless the command line says otherwise, and why
# (README « Incidents rejoués »): 2018's quarter hour in 3 min; 2022's ten minutes in
# 5, codes valid 120 s, mails accepted 105 s late and half refused once (451) at first.
REGLAGES: dict[str, dict[str, object]] = {
    "2018": {"echelle_temps": 5.0},
    "2022": {"echelle_temps": 2.0, "panne_retard": 105.0, "panne_refus": 0.5, "lien_duree": "120s"},
}


def simuler_une_panne(mail_api_url: str, refus: float, retard: float) -> None:
    """Turn on the reference sink's chaos switches for the whole run, and say so."""
    box = Mailbox(mail_api_url)
    box.set_chaos(refus_destinataires=round(refus * 100), retard_s=retard).raise_for_status()
    box.close()
    print(
        f"Panne simulée de la messagerie : {refus:.0%} des destinataires refusés (451), "
        f"mails lisibles {retard:g} s après leur acceptation.",
        flush=True,
    )


def main() -> int:
    """Run one load profile end to end; return Locust's exit status."""
    parser = argparse.ArgumentParser(
        description="Test de charge de bout en bout : une liste électorale à l'échelle, un "
        "portail de référence neuf démarré dessus, un profil Locust sans interface, des "
        "rapports CSV et HTML et le verdict SLO (statut de sortie 1 si un seuil est manqué).",
        epilog="Les options inconnues d'ici sont passées à Locust (--slo-p95-ms 800, "
        "--parcours-s 10…). Exemples : make load ; make load PROFIL=palier FACTEUR=0.1 "
        "ECHELLE=1 ; make load ARGS='--panne-refus 0.2 --panne-retard 30' ; "
        ".venv/bin/python scripts/charge.py --profil journee --facteur 0.02",
        allow_abbrev=False,  # an abbreviation must not swallow one of Locust's options
    )
    parser.add_argument(
        "--profil",
        default="ouverture",
        choices=PROFILS,
        help="profil de load/ à jouer ; 2018 et 2022 rejouent les incidents (défaut : %(default)s)",
    )
    parser.add_argument(
        "--facteur",
        type=nombre_positif,
        default=0.05,
        help="part de l'échelle nationale : taille de la liste et débits (défaut : "
        "%(default)s ; 1 pour la pleine échelle)",
    )
    parser.add_argument(
        "--echelle-temps",
        type=nombre_positif,
        default=None,
        help="accélération du temps des formes (défaut : 12, l'heure en 5 min ; 5 pour "
        "2018, 2 pour 2022)",
    )
    parser.add_argument(
        "--electorat",
        type=entier_positif,
        default=1_100_000,
        help="électeurs inscrits à l'échelle nationale (défaut : %(default)s)",
    )
    parser.add_argument(
        "--processes",
        type=entier_positif,
        default=1,
        help="processus Locust, la liste partagée entre eux (défaut : %(default)s)",
    )
    parser.add_argument(
        "--workers-portail",
        type=entier_positif,
        default=2,
        help="processus du portail de référence (défaut : %(default)s ; un seul "
        "s'effondre au pic d'ouverture à pleine échelle)",
    )
    parser.add_argument(
        "--resultats",
        type=Path,
        default=ROOT / "results" / "charge",
        help="dossier des rapports (défaut : results/charge)",
    )
    parser.add_argument(
        "--duree",
        default="2m",
        help="durée des profils parcours, connexion et debit (défaut : %(default)s)",
    )
    parser.add_argument(
        "--panne-refus",
        type=part,
        default=None,
        metavar="PART",
        help="part des destinataires que le relais SMTP refuse (451, erreur temporaire) "
        "pendant tout le tir ; le portail réessaie plus tard (défaut : 0 ; 0.5 pour 2022)",
    )
    parser.add_argument(
        "--panne-retard",
        type=nombre_naturel,
        default=None,
        metavar="SECONDES",
        help="retard de chaque mail entre son acceptation et sa lecture possible dans "
        "la boîte (défaut : 0 ; 105 pour 2022)",
    )
    parser.add_argument(
        "--lien-duree",
        type=duree_s,
        default=None,
        metavar="DURÉE",
        help="durée de vie des liens de réassort du portail, en minutes ou en secondes "
        "suivie de s (défaut : celle du portail, 30 min ; 120s pour 2022)",
    )
    parser.add_argument(
        "--travail",
        type=Path,
        default=ROOT / "var" / "charge",
        help="dossier de la liste générée (gardée d'un tir à l'autre) et de la base du "
        "portail (neuve à chaque tir) (défaut : var/charge)",
    )
    args, locust_args = parser.parse_known_args()
    reglages: dict[str, object] = {"echelle_temps": 12.0, "panne_retard": 0.0, "panne_refus": 0.0}
    reglages.update(REGLAGES.get(args.profil, {}))
    for nom, valeur in reglages.items():
        if getattr(args, nom) is None:
            setattr(args, nom, duree_s(str(valeur)) if nom == "lien_duree" else valeur)
    portail = () if args.lien_duree is None else ("--lien-duree", f"{args.lien_duree}s")

    work = args.travail
    work.mkdir(parents=True, exist_ok=True)
    args.resultats.mkdir(parents=True, exist_ok=True)
    count = max(1000, int(args.electorat * args.facteur))
    roll = work / f"liste-{count}.csv"
    if not roll.exists():
        ecrire_fichier_liste(
            OptionsListe(count=count, seed=2026, actif_share=0.3), roll, stderr_progress("Liste")
        )
    db = work / f"portail-{count}.sqlite3"
    for stale in work.glob(f"portail-{count}.sqlite3*"):
        stale.unlink()  # every run starts from a fresh portal: accounts are single use
    # The sealing of the last run goes with its database: a fresh portal is sealed anew.
    shutil.rmtree(work / f"portail-{count}-scellement", ignore_errors=True)
    chargement = stderr_progress("Chargement dans le portail")
    with portail_de_charge(db, roll, SECRET, args.workers_portail, chargement, portail) as portal:
        print(f"Portail {portal.url}, mails {portal.mail_api_url}", flush=True)
        if args.lien_duree is not None:
            print(f"Liens de réassort valides {args.lien_duree} s.", flush=True)
        if args.panne_refus or args.panne_retard:
            simuler_une_panne(portal.mail_api_url, args.panne_refus, args.panne_retard)
        command = locust_command(
            FICHIERS.get(args.profil, args.profil),
            portal.url,
            portal.mail_api_url,
            "--facteur",
            str(args.facteur),
            "--echelle-temps",
            str(args.echelle_temps),
            "--electorat",
            str(args.electorat),
            "--csv",
            str(args.resultats / args.profil),
            # Every entry's history, journeys included: the chart of journey times.
            "--csv-full-history",
            "--html",
            str(args.resultats / f"{args.profil}.html"),
            liste=roll,
            secret=SECRET,
        )
        if args.profil in ("parcours", "connexion"):
            command += ["--users", "20", "--spawn-rate", "5", "--run-time", args.duree]
        if args.profil == "debit":
            command += ["--run-time", args.duree]
        if args.processes > 1:
            command += ["--processes", str(args.processes)]
        command += locust_args
        status = subprocess.run(command, cwd=ROOT, env=locust_env()).returncode
    historique = args.resultats / f"{args.profil}_stats_history.csv"
    if historique.exists():
        graphique = rapport_parcours.ecrire(
            historique, args.resultats / f"{args.profil}_parcours.html", seuils(None).parcours_s
        )
        print(f"Temps de parcours par persona : {graphique}")
    print(f"Rapports : {args.resultats}/{args.profil}.html et {args.profil}_*.csv")
    return status


if __name__ == "__main__":
    sys.exit(main())
