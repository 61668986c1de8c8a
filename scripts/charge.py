"""`make load`: the opening-peak profile against a reference portal started for the run.

Builds a roll of (electorate × factor) voters, starts the reference portal on it (cheap
Argon2, test hooks, no per-address form limit: every simulated voter shares 127.0.0.1),
runs `load/<profile>.py` headless with CSV and HTML reports, prints the SLO verdict and
exits with Locust's status.

    .venv/bin/python scripts/charge.py [--profil ouverture] [--facteur 0.05] [--echelle-temps 12]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from fixtures.generator import RollOptions, write_roll_file
from load.lancement import locust_command, locust_env, portail_de_charge
from simulator.arguments import entier_positif, nombre_positif
from simulator.console import stderr_progress

ROOT = Path(__file__).resolve().parent.parent
SECRET = "secret-de-charge"


def main() -> int:
    """Run one load profile end to end; return Locust's exit status."""
    parser = argparse.ArgumentParser(
        description="Test de charge de bout en bout : une liste électorale à l'échelle, un "
        "portail de référence neuf démarré dessus, un profil Locust sans interface, des "
        "rapports CSV et HTML et le verdict SLO (statut de sortie 1 si un seuil est manqué).",
        epilog="Exemples : make load ; make load PROFIL=palier FACTEUR=0.1 ECHELLE=1 ; "
        ".venv/bin/python scripts/charge.py --profil journee --facteur 0.02",
    )
    parser.add_argument(
        "--profil",
        default="ouverture",
        choices=("ouverture", "palier", "journee", "parcours", "connexion"),
        help="profil de load/ à jouer (défaut : %(default)s)",
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
        default=12.0,
        help="accélération du temps des formes (défaut : %(default)s, l'heure en 5 min)",
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
        help="durée des profils sans forme, parcours et connexion (défaut : %(default)s)",
    )
    args = parser.parse_args()

    work = ROOT / "var" / "charge"
    work.mkdir(parents=True, exist_ok=True)
    args.resultats.mkdir(parents=True, exist_ok=True)
    count = max(1000, int(args.electorat * args.facteur))
    roll = work / f"liste-{count}.csv"
    if not roll.exists():
        write_roll_file(
            RollOptions(count=count, seed=2026, actif_share=0.3), roll, stderr_progress("Liste")
        )
    db = work / f"portail-{count}.sqlite3"
    for stale in work.glob(f"portail-{count}.sqlite3*"):
        stale.unlink()  # every run starts from a fresh portal: accounts are single use
    with portail_de_charge(db, roll, SECRET, args.workers_portail) as portal:
        print(f"Portail {portal.url}, mails {portal.mail_api_url}", flush=True)
        command = locust_command(
            args.profil,
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
            "--html",
            str(args.resultats / f"{args.profil}.html"),
            liste=roll,
            secret=SECRET,
        )
        if args.profil in ("parcours", "connexion"):
            command += ["--users", "20", "--spawn-rate", "5", "--run-time", args.duree]
        if args.processes > 1:
            command += ["--processes", str(args.processes)]
        status = subprocess.run(command, cwd=ROOT, env=locust_env()).returncode
    print(f"Rapports : {args.resultats}/{args.profil}.html et {args.profil}_*.csv")
    return status


if __name__ == "__main__":
    sys.exit(main())
