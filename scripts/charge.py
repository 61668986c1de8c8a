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
from simulator.console import stderr_progress

ROOT = Path(__file__).resolve().parent.parent
SECRET = "secret-de-charge"


def main() -> int:
    """Run one load profile end to end; return Locust's exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--profil",
        default="ouverture",
        choices=("ouverture", "palier", "journee", "parcours", "connexion"),
    )
    parser.add_argument(
        "--facteur",
        type=float,
        default=0.05,
        help="part de l'échelle nationale (défaut : %(default)s)",
    )
    parser.add_argument(
        "--echelle-temps",
        type=float,
        default=12.0,
        help="accélération du temps des formes (défaut : %(default)s)",
    )
    parser.add_argument("--electorat", type=int, default=1_100_000)
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        help="processus Locust (la liste est partagée entre eux)",
    )
    parser.add_argument(
        "--workers-portail",
        type=int,
        default=2,
        help="processus du portail de référence (défaut 2 : un seul tient moins)",
    )
    parser.add_argument("--resultats", type=Path, default=ROOT / "results" / "charge")
    parser.add_argument("--duree", default="2m", help="durée des profils sans forme")
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
            "--liste",
            str(roll),
            "--secret-liste",
            SECRET,
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
