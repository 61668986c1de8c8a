"""`make effondrement`: the arrival rate where the reference portal's goodput (journeys
completed a second) stops following the offered load, with patient and with impatient
voters, on this machine (load generator included); one HTML chart of goodput, journey
p95 and retries against the offered rate, beside each step's Locust report.

Each step is a run of `load/debit.py`: open arrivals at a constant rate (Poisson), the
opening's persona mix, its own accounts, `--duree` seconds of arrivals, then as long
again for the journeys in flight to end (Locust's `--stop-timeout`).

    make effondrement
    .venv/bin/python scripts/effondrement.py [--debits 20,60,100,140] [--duree 25]
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from fixtures.arguments import entier_positif, nombre_positif
from fixtures.decoupage import decouper_liste
from fixtures.generateur import OptionsListe, ecrire_fichier_liste
from load.lancement import (
    locust_command,
    locust_env,
    portail_de_charge,
    reposer,
    reserve_pour,
)
from load.rapport_effondrement import Palier, ecrire, effondrement
from simulator.commandes.process import PortalProcess

ROOT = Path(__file__).resolve().parent.parent
SECRET = "secret-d-effondrement"


def palier(
    portal: PortalProcess, roll: Path, mode: str, debit: float, args: argparse.Namespace
) -> Palier:
    """One step: `debit` arrivals a second for `args.duree` seconds; what came of it."""
    nom = f"debit-{mode}-{debit:g}"
    sortie = args.resultats / nom
    # The ballots of the step's voters, built ahead as a real injector would: the step
    # then measures the portal checking them, not Locust building them.
    reserve = reserve_pour(
        portal.url, roll, SECRET, args.resultats / f"{nom}-reserve.jsonl", debit * args.duree
    )
    reposer(portal.url)
    impatience = (
        [
            "--impatience",
            "--impatience-ecran-s",
            str(args.impatience_ecran_s),
            "--impatience-reflexion-s",
            "1",
        ]
        if mode == "impatients"
        else ["--no-impatience"]
    )
    command = locust_command(
        "debit",
        portal.url,
        portal.mail_api_url,
        "--debit",
        str(debit),
        "--run-time",
        f"{args.duree}s",
        # The journeys in flight when arrivals stop may end: the goodput counts every
        # arrival of the step that completes, not only those that fit before its end.
        "--stop-timeout",
        str(args.duree),
        "--pool-max",
        str(args.pool_max),
        "--csv",
        str(sortie),
        "--html",
        f"{sortie}.html",
        "--bilan-json",
        f"{sortie}.json",
        *impatience,
        *reserve,
        liste=roll,
        secret=SECRET,
    )
    run = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=locust_env())
    if run.returncode not in (0, 1, 3):  # the verdict's own statuses
        raise RuntimeError(f"Locust a échoué (statut {run.returncode}) :\n{run.stderr[-3000:]}")
    bilan = json.loads(Path(f"{sortie}.json").read_text(encoding="utf-8"))
    Path(reserve[1]).unlink(missing_ok=True)  # the voters' keys: not left in the results
    personas = bilan["par_persona"].values()

    def total(champ: str) -> float:
        return float(sum(p.get(champ, 0) for p in personas))

    duree = float(args.duree)  # the arrivals' window (the drain after it adds none)
    if not total("offertes"):
        raise RuntimeError(f"palier {nom} sans aucune arrivée :\n{run.stderr[-3000:]}")
    finies = total("terminees") or 1.0
    p95 = 0.0
    with Path(f"{sortie}_stats.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == "parcours: Votant" and row["95%"] not in ("", "N/A"):
                p95 = float(row["95%"]) / 1000
    return Palier(
        mode=mode,
        offert_s=total("offertes") / duree,
        parties_s=total("demarrees") / duree,
        goodput_s=total("terminees") / duree,
        p95_s=p95,
        relances_par_parcours=total("relances") / finies,
        requetes_par_parcours=total("requetes") / finies,
        statut=run.returncode,
    )


def main() -> int:
    """Step the offered rate up, patient then impatient voters; print and chart."""
    parser = argparse.ArgumentParser(
        description="Point d'effondrement du portail de référence sur cette machine : le "
        "débit d'arrivées où le goodput (parcours finis par seconde) cesse de suivre "
        "l'offert, électeurs patients puis impatients, et un graphique HTML du goodput, "
        "du p95 et des relances en fonction de l'offert.",
        epilog="Exemple : .venv/bin/python scripts/effondrement.py --debits 40,80,120 --duree 20",
    )
    parser.add_argument(
        "--debits",
        default="20,40,60,80,100,120,140",
        help="arrivées par seconde offertes, palier après palier (défaut : %(default)s)",
    )
    parser.add_argument(
        "--duree", type=entier_positif, default=25, help="secondes par palier (défaut : 25)"
    )
    parser.add_argument(
        "--pool-max",
        type=entier_positif,
        default=1000,
        help="plafond d'utilisateurs Locust de chaque palier (défaut : %(default)s)",
    )
    parser.add_argument(
        "--impatience-ecran-s",
        type=nombre_positif,
        default=3.0,
        help="patience d'un électeur impatient devant un écran (défaut : %(default)s s)",
    )
    parser.add_argument(
        "--workers-portail", type=entier_positif, default=2, help="processus du portail"
    )
    parser.add_argument(
        "--resultats",
        type=Path,
        default=ROOT / "results" / "effondrement",
        help="dossier du graphique et des rapports Locust (défaut : results/effondrement)",
    )
    args = parser.parse_args()
    try:
        debits = [nombre_positif(t) for t in args.debits.split(",")]
    except argparse.ArgumentTypeError as exc:
        parser.error(f"--debits : des débits positifs séparés par des virgules ({exc})")
    args.resultats.mkdir(parents=True, exist_ok=True)
    modes = ("patients", "impatients")
    paliers: list[Palier] = []
    with tempfile.TemporaryDirectory() as tmp:
        roll = Path(tmp) / "liste.csv"
        par_palier = int(max(debits) * args.duree * 1.5) + 500
        ecrire_fichier_liste(
            OptionsListe(count=par_palier * len(debits) * len(modes), seed=11, actif_share=0.8),
            roll,
        )
        parts = iter(decouper_liste(roll, len(debits) * len(modes), Path(tmp) / "parts"))
        with portail_de_charge(Path(tmp) / "p.sqlite3", roll, SECRET, args.workers_portail) as p:
            # Both modes at each rate in turn: on a shared machine, the load of others
            # drifts; neighbours in time are the fairest comparison.
            for debit in debits:
                for mode in modes:
                    mesure = palier(p, next(parts), mode, debit, args)
                    paliers.append(mesure)
                    print(
                        f"{mode:>10} {debit:6.1f}/s offertes : {mesure.offert_s:6.1f} "
                        f"parties {mesure.parties_s:6.1f}, finies {mesure.goodput_s:6.1f}/s, "
                        f"p95 Votant {mesure.p95_s:6.2f} s, relances/finie "
                        f"{mesure.relances_par_parcours:5.2f}, statut {mesure.statut}",
                        flush=True,
                    )
    contexte = (
        f"Paliers de {args.duree} s, arrivées ouvertes (Poisson), mélange d'ouverture, "
        f"portail à {args.workers_portail} processus, pool ≤ {args.pool_max} ; électeurs "
        f"impatients : {args.impatience_ecran_s:g} s par écran, 3 essais."
    )
    graphique = ecrire(paliers, args.resultats / "effondrement.html", contexte)
    print()
    for mode in modes:
        point = effondrement([m for m in paliers if m.mode == mode])
        quoi = f"{point:.0f} arrivées/s" if point is not None else "au-delà du dernier palier"
        print(f"goodput < 90 % de l'offert, électeurs {mode} : {quoi}")
    print(f"Graphique : {graphique} (rapports Locust de chaque palier à côté)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
