"""Capacity of the reference portal on this machine, load generator included: the highest
arrival rate of the opening persona mix (seven voters in ten come to vote) held with every
screen's p95 under 500 ms and no error, the ballots per second it then takes, beside the
requests per second `wrk` gets from the home page in the same run.

    make bench-capacite
    .venv/bin/python scripts/bench_capacite.py [--paliers 30,40,50,60] [--duree 20]

Needs `wrk` (Debian package `wrk`; `make bench-capacite` installs it when root).
Argon2id at the "fast" cost (t=1, 1 MiB).
"""

from __future__ import annotations

import argparse
import csv
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from fixtures.arguments import entier_positif, nombre_positif
from fixtures.decoupage import decouper_liste
from fixtures.generateur import OptionsListe, ecrire_fichier_liste
from load.lancement import locust_command, locust_env, portail_de_charge
from simulator.commandes.process import PortalProcess

ROOT = Path(__file__).resolve().parent.parent
P95_MAX_MS = 500.0
INTERVALLE_S = 5.0  # between two voters of one Locust user: longer than a visit
RAMPE_S = 5  # users all started after this
CHAUFFE_S = 12  # ramp, then one interval for the first voters to spread out
SECRET = "secret-de-capacite"


@dataclass(frozen=True)
class Mesure:
    """One step: arrival rate asked and measured, worst screen p95, failures."""

    demande_s: float
    arrivees_s: float
    pire_p95_ms: float
    pire_ecran: str
    echecs: int
    bulletins_s: float = 0.0

    @property
    def tenu(self) -> bool:
        """The rate asked was delivered (a portal that slows down receives fewer voters),
        every screen's p95 under the limit, and not one failure."""
        return (
            self.arrivees_s >= 0.95 * self.demande_s
            and self.pire_p95_ms <= P95_MAX_MS
            and self.echecs == 0
        )


def wrk_home(url: str) -> float:
    """Requests per second wrk gets from the home page (2 threads, 32 connections, 10 s)."""
    out = subprocess.run(
        ["wrk", "-t2", "-c32", "-d10s", f"{url}/"], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if match is None:
        raise RuntimeError(f"sortie de wrk illisible :\n{out}")
    return float(match.group(1))


def palier(portal: PortalProcess, roll: Path, taux: float, duree: int, out: Path) -> Mesure:
    """Let voters of the persona mix in at `taux` per second; measure what they get.

    Each Locust user lets a voter in every INTERVALLE_S seconds (`--parcours-s`), so
    users = taux × INTERVALLE_S. The first CHAUFFE_S seconds, while users start and
    their first voters spread out, are left out of the statistics (`--chauffe-s`).
    """
    users = max(1, round(taux * INTERVALLE_S))
    command = locust_command(
        "parcours",
        portal.url,
        portal.mail_api_url,
        "--users",
        str(users),
        "--spawn-rate",
        str(max(1, users // RAMPE_S)),
        "--parcours-s",
        str(INTERVALLE_S),
        "--chauffe-s",
        str(CHAUFFE_S),
        "--run-time",
        f"{duree + CHAUFFE_S}s",
        "--csv",
        str(out),
        liste=roll,
        secret=SECRET,
    )
    run = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=locust_env())
    # 1: the SLO gate's verdict, judged here on its own; 3: the generator was short (said
    # by the run's own verdict, and seen here as arrivals not received).
    if run.returncode not in (0, 1, 3):
        raise RuntimeError(f"Locust a échoué (statut {run.returncode}) :\n{run.stderr[-3000:]}")
    with Path(f"{out}_stats.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    ecrans = [
        r
        for r in rows
        if r["Name"] != "Aggregated"
        and r["Type"] != "MAIL"
        and not r["Name"].startswith("crochet")
        # A screen no voter reached after the warm-up has no percentile ("N/A").
        and int(r["Request Count"]) > 0
    ]
    pire = max(ecrans, key=lambda r: float(r["95%"]))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    accueil = next(r for r in rows if r["Name"] == "accueil")
    # Each acknowledged « JE VOTE » is one ballot sealed and dropped in the box.
    votes = next((r for r in rows if r["Name"] == "vote: JE VOTE"), None)
    return Mesure(
        demande_s=taux,
        arrivees_s=float(accueil["Requests/s"]),
        pire_p95_ms=float(pire["95%"]),
        pire_ecran=pire["Name"],
        echecs=int(total["Failure Count"]),
        bulletins_s=float(votes["Requests/s"]) if votes else 0.0,
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
        ecrire_fichier_liste(OptionsListe(count=400_000, seed=7, actif_share=0.5), roll)
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
                print(
                    f"{taux:5.1f} arrivées/s demandées : {mesure.arrivees_s:5.1f} reçues, "
                    f"{mesure.bulletins_s:5.1f} bulletins/s, "
                    f"p95 max {mesure.pire_p95_ms:5.0f} ms ({mesure.pire_ecran}), "
                    f"{mesure.echecs} échec(s) : {'tenu' if mesure.tenu else 'NON TENU'}",
                    flush=True,
                )
                if not mesure.tenu:
                    break
    tenus = [m for m in mesures if m.tenu]
    meilleur = max(tenus, key=lambda m: m.arrivees_s, default=None)
    arrivees = meilleur.arrivees_s if meilleur else 0.0
    print()
    print(f"capacité tenue (p95 < {P95_MAX_MS:.0f} ms, 0 erreur)  : {arrivees:.1f} arrivées/s")
    print(
        f"bulletins tenus au même palier               : "
        f"{meilleur.bulletins_s if meilleur else 0.0:.1f} bulletins/s"
    )
    print(f"plafond wrk sur l'accueil                    : {plafond:.0f} requêtes/s")
    print(
        f"cible nationale                               : 61 arrivées/s "
        f"({arrivees / 61:.0%} atteints)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
