"""Benchmark of national-scale rolls: generation and loading of N voters (1.1 million by
default), each beside a floor measured in the same run on this machine:

- generation floor: raw Faker fr_FR name generation (one first and one last name per voter);
- load floor: a bare `executemany` of the same rows into the same table, in one transaction.

    .venv/bin/python scripts/bench_roll.py [--count 1100000]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

from faker import Faker

from fixtures.arguments import entier_positif
from fixtures.generateur import OptionsListe, ecrire_fichier_liste
from simulator.commandes.chargement import charger_liste
from simulator.storage import Database
from simulator.storage.electeurs import inserer_lignes_electeurs

TARGET_SECONDS = 30.0


def faker_floor(count: int) -> float:
    """Seconds Faker takes to produce `count` first and last names, one call each."""
    fake = Faker("fr_FR")
    fake.seed_instance(1)
    first, last = fake.first_name, fake.last_name
    started = time.perf_counter()
    for _ in range(count):
        first()
        last()
    return time.perf_counter() - started


def executemany_floor(roll: Path, db_path: Path) -> float:
    """Seconds for a bare executemany of the roll's rows (already parsed) into the schema."""
    with roll.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        rows = [(r[3], r[0], r[1], r[2], r[4], r[5], r[6], None, None, None, None) for r in reader]
    db = Database(db_path)
    started = time.perf_counter()
    with db.transaction() as conn:
        inserer_lignes_electeurs(conn, rows)
    return time.perf_counter() - started


def main() -> int:
    """Measure and print the four figures and their ratios."""
    parser = argparse.ArgumentParser(
        description="Génération et chargement d'une liste électorale nationale, chacun à "
        "côté d'un plancher mesuré dans la même exécution (noms Faker bruts ; executemany "
        "nu des mêmes lignes).",
    )
    parser.add_argument(
        "--count",
        type=entier_positif,
        default=1_100_000,
        help="électeurs (défaut : %(default)s)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        roll = Path(tmp) / "liste.csv"
        print(f"Génération de {args.count:,} électeurs…".replace(",", " "), flush=True)
        started = time.perf_counter()
        ecrire_fichier_liste(OptionsListe(count=args.count, seed=2026), roll)
        generation = time.perf_counter() - started
        print("Plancher : noms Faker un par un…", flush=True)
        generation_floor = faker_floor(args.count)
        print("Chargement…", flush=True)
        started = time.perf_counter()
        charger_liste(Database(Path(tmp) / "portail.sqlite3"), roll, "secret")
        load = time.perf_counter() - started
        print("Plancher : executemany nu…", flush=True)
        load_floor = executemany_floor(roll, Path(tmp) / "plancher.sqlite3")
        size_mb = roll.stat().st_size / 1e6
    ratio_generation = generation / generation_floor
    ratio_load = load / load_floor
    held = max(generation, load) < TARGET_SECONDS and max(ratio_generation, ratio_load) <= 2
    print()
    print(f"électeurs        : {args.count:,}".replace(",", " "))
    print(f"fichier CSV      : {size_mb:.0f} Mo")
    print(
        f"génération       : {generation:6.1f} s, plancher Faker {generation_floor:6.1f} s,"
        f" rapport {ratio_generation:4.2f}x"
    )
    print(
        f"chargement       : {load:6.1f} s, plancher SQL   {load_floor:6.1f} s,"
        f" rapport {ratio_load:4.2f}x"
    )
    print(
        f"cible            : < {TARGET_SECONDS:.0f} s et au plus 2x le plancher :"
        f" {'tenue' if held else 'MANQUÉE'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
