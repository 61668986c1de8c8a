"""Capacity of the reference portal on this machine, load generator included: the highest
arrival rate of the opening persona mix (seven voters in ten come to vote) held with every
screen's p95 under 500 ms and no error, the ballots per second it then takes, beside the
requests per second `wrk` gets from the home page in the same run.

Voters arrive open (load/debit.py, Poisson: an arrival never waits for the portal, and
one that could not start is counted), and the Votant persona casts ballots built ahead
of each step (load/preparer_reserve.py), so that a step measures the portal, which
checks every ballot in full, and not the injector building them. A step where the
generator itself was short is not held, whatever the portal did.

    make bench-capacite
    .venv/bin/python scripts/bench_capacite.py [--paliers 30,40,50,60] [--duree 20]

Needs `wrk` (Debian package `wrk`; `make bench-capacite` installs it when root).
Argon2id at the "fast" cost (t=1, 1 MiB).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import psutil

from fixtures.arguments import entier_positif, nombre_positif
from fixtures.decoupage import decouper_liste
from fixtures.generateur import OptionsListe, ecrire_fichier_liste
from load.cout_verification import mesurer
from load.lancement import (
    locust_command,
    locust_env,
    portail_de_charge,
    reposer,
    reserve_pour,
)
from load.preparer_reserve import parametres_de_la_source
from simulator.commandes.process import PortalProcess

sys.path.insert(0, str(Path(__file__).resolve().parent))
from capacite_mesure import (
    P95_MAX_MS,
    Mesure,
    dire_la_capacite,
    dire_le_palier,
)

ROOT = Path(__file__).resolve().parent.parent
CHAUFFE_S = 5  # open arrivals come at full rate at once; first journeys settle
SECRET = "secret-de-capacite"


def wrk_home(url: str) -> float:
    """Requests per second wrk gets from the home page (2 threads, 32 connections, 10 s)."""
    out = subprocess.run(
        ["wrk", "-t2", "-c32", "-d10s", f"{url}/"], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if match is None:
        raise RuntimeError(f"sortie de wrk illisible :\n{out}")
    return float(match.group(1))


def cpu_du_portail(portal: PortalProcess) -> float:
    """Processor seconds used so far by the portal's supervisor and all its workers."""
    assert portal.pid is not None
    racine = psutil.Process(portal.pid)
    total = 0.0
    for processus in (racine, *racine.children(recursive=True)):
        try:
            temps = processus.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += temps.user + temps.system
    return total


def _cpu_des_enfants() -> float:
    """Processor seconds of this script's children already ended (the Locust runs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def palier(portal: PortalProcess, roll: Path, taux: float, duree: int, out: Path) -> Mesure:
    """Let voters of the persona mix arrive at `taux` per second for CHAUFFE_S + `duree`
    seconds, open arrivals (load/debit.py: each arrival on time whatever the portal's
    pace, those that could not start counted); measure what they get.

    The Votant persona casts ballots built ahead (load/preparer_reserve.py), as a real
    injector would: the step measures the portal checking them. The first CHAUFFE_S
    seconds are left out of the screens' statistics (`--chauffe-s`).
    """
    reserve = reserve_pour(
        portal.url,
        roll,
        SECRET,
        out.with_name(out.name + "-reserve.jsonl"),
        taux * (duree + CHAUFFE_S),
    )
    parametres = parametres_de_la_source(f"{portal.url}/election/parametres.json")
    verification = mesurer(Path(reserve[1]), parametres)
    command = locust_command(
        "debit",
        portal.url,
        portal.mail_api_url,
        "--debit",
        str(taux),
        "--no-impatience",
        "--chauffe-s",
        str(CHAUFFE_S),
        "--run-time",
        f"{duree + CHAUFFE_S}s",
        # Journeys in flight when arrivals stop may end, and count.
        "--stop-timeout",
        str(duree),
        "--csv",
        str(out),
        "--bilan-json",
        f"{out}.json",
        *reserve,
        liste=roll,
        secret=SECRET,
    )
    reposer(portal.url)  # nothing left of the previous step in the portal's queues
    portail_avant, locust_avant = cpu_du_portail(portal), _cpu_des_enfants()
    run = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=locust_env())
    cpu_portail, cpu_locust = (
        cpu_du_portail(portal) - portail_avant,
        _cpu_des_enfants() - locust_avant,
    )
    # 1: the SLO gate's verdict, judged here on its own; 3: the generator was short (said
    # by the run's own verdict, and seen here as arrivals not started).
    if run.returncode not in (0, 1, 3):
        raise RuntimeError(f"Locust a échoué (statut {run.returncode}) :\n{run.stderr[-3000:]}")
    Path(reserve[1]).unlink(missing_ok=True)  # the voters' keys: not left behind
    with Path(f"{out}_stats.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    ecrans = [
        r
        for r in rows
        if r["Name"] != "Aggregated"
        and r["Type"] not in ("MAIL", "PARCOURS")
        and not r["Name"].startswith(("crochet", "parcours:"))
        # A screen no voter reached after the warm-up has no percentile ("N/A").
        and int(r["Request Count"]) > 0
    ]
    pire = max(ecrans, key=lambda r: float(r["95%"]))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    bilan = json.loads(Path(f"{out}.json").read_text(encoding="utf-8"))
    personas = bilan["par_persona"].values()
    offertes = sum(p.get("offertes", 0) for p in personas)
    parties = sum(p.get("demarrees", 0) for p in personas)
    # The voters who come to vote: those whose ballots the portal verifies.
    votants = bilan["par_persona"].get("Votant", {}).get("offertes", 0)
    # Each acknowledged « JE VOTE » is one ballot checked and dropped in the box.
    votes = next((r for r in rows if r["Name"] == "vote: JE VOTE"), None)
    return Mesure(
        demande_s=taux,
        arrivees_s=taux * parties / offertes if offertes else 0.0,
        pire_p95_ms=float(pire["95%"]),
        pire_ecran=pire["Name"],
        echecs=int(total["Failure Count"]),
        bulletins_s=float(votes["Requests/s"]) if votes else 0.0,
        generateur_court=run.returncode == 3,
        cpu_portail_ms=1000 * cpu_portail / max(parties, 1),
        cpu_generateur_ms=1000 * cpu_locust / max(parties, 1),
        verification_ms=verification.ms_par_votant * votants / max(offertes, 1),
    )


def main() -> int:
    """Step up the load until the portal no longer holds; print the figures."""
    parser = argparse.ArgumentParser(
        description="Capacité du portail de référence sur cette machine, générateur de "
        "charge compris : le plus haut débit d'arrivées du mélange d'ouverture tenu avec "
        f"le p95 de chaque écran sous {P95_MAX_MS:.0f} ms et sans erreur, à côté du débit "
        "que wrk obtient de la page d'accueil dans la même exécution (Argon2id « fast »).",
        epilog="Exemple : .venv/bin/python scripts/bench_capacite.py --paliers 50,60,70 --duree 30",
    )
    parser.add_argument(
        "--paliers",
        default="30,40,50,60,70,80,90,100",
        help="arrivées d'électeurs par seconde demandées, palier après palier, séparées "
        "par des virgules ; arrêt au premier palier non tenu (défaut : %(default)s)",
    )
    parser.add_argument(
        "--duree",
        type=entier_positif,
        default=20,
        help="secondes mesurées par palier, après la chauffe (défaut : %(default)s)",
    )
    parser.add_argument(
        "--workers-portail",
        type=entier_positif,
        default=2,
        help="processus du portail de référence (défaut : %(default)s)",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print(
            "wrk est introuvable : make bench-capacite l'installe, ou apt-get install wrk",
            file=sys.stderr,
        )
        return 2
    try:
        paliers = [nombre_positif(t) for t in args.paliers.split(",")]
    except argparse.ArgumentTypeError as exc:
        parser.error(f"--paliers : des débits positifs séparés par des virgules ({exc})")
    with tempfile.TemporaryDirectory() as tmp:
        roll = Path(tmp) / "liste.csv"
        # Enough accounts for the busiest step, in each step's own share: every public
        # credential is derived before the portal starts, so no more than needed.
        par_palier = int(max(paliers) * (args.duree + CHAUFFE_S) * 1.5) + 500
        ecrire_fichier_liste(
            OptionsListe(count=par_palier * (len(paliers) + 1), seed=7, actif_share=0.5), roll
        )
        with portail_de_charge(
            Path(tmp) / "p.sqlite3", roll, SECRET, args.workers_portail
        ) as portal:
            plafond = wrk_home(portal.url)
            print(f"wrk, page d'accueil : {plafond:.0f} requêtes/s", flush=True)
            # Each step its own accounts: a voter who voted in one step has nothing left
            # to vote in the next, and a reused account would fail its journey.
            parts = decouper_liste(roll, len(paliers) + 1, Path(tmp) / "parts")
            # Warm-up, not counted: thread pools, glyph cache, first derived logins.
            palier(portal, parts[0], 10, 5, Path(tmp) / "chauffe")
            mesures = []
            for taux, part in zip(paliers, parts[1:], strict=True):
                mesure = palier(portal, part, taux, args.duree, Path(tmp) / f"p{taux:g}")
                mesures.append(mesure)
                dire_le_palier(mesure)
                if not mesure.tenu:
                    break
    dire_la_capacite(mesures, plafond)
    return 0


if __name__ == "__main__":
    sys.exit(main())
