"""Benchmark of the session table, the hottest write of the opening peak: the cost of a
session write through the portal's own storage, beside the same writes with an index on
the expiry date (the baseline that was tried and dropped), and the time of one purge of
the expired sessions, measured in the same run on this machine.

    .venv/bin/python scripts/bench_sessions.py [--ecritures 30000] [--sessions 100000]
"""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
import time
from pathlib import Path

from fixtures.arguments import entier_positif
from simulator.storage import Database
from simulator.storage.sessions import purge_sessions, save_session

# What a session holds at the busiest step: its CSRF token, the CAPTCHA shown, the voter.
DONNEES = {"csrf": "x" * 43, "captcha": "483920", "email": "camille.martin@ac-lille.fr"}
DUREE_DE_VIE_S = 1800.0


def ecrire(db: Database, ecritures: int, jetons: list[str]) -> float:
    """Seconds for `ecritures` session saves (new ones, then updates), one per transaction."""
    debut = time.perf_counter()
    for i in range(ecritures):
        with db.transaction() as conn:
            save_session(conn, jetons[i % len(jetons)], DONNEES, i * 0.01 + DUREE_DE_VIE_S)
    return time.perf_counter() - debut


def main() -> int:
    """Measure and print the write cost with and without the index, and a purge."""
    parser = argparse.ArgumentParser(
        description="Coût d'une écriture de session par le stockage du portail, sans puis "
        "avec un index sur l'expiration, et durée d'une purge des sessions expirées."
    )
    parser.add_argument(
        "--ecritures",
        type=entier_positif,
        default=30_000,
        help="écritures de session mesurées de chaque côté (défaut : %(default)s)",
    )
    parser.add_argument(
        "--sessions",
        type=entier_positif,
        default=100_000,
        help="sessions vivantes dans la table au moment de la purge (défaut : %(default)s, "
        "l'ordre de grandeur au pic d'ouverture)",
    )
    args = parser.parse_args()
    jetons = [secrets.token_hex(32) for _ in range(max(1, args.ecritures // 3))]
    with tempfile.TemporaryDirectory() as tmp:
        sans = Database(Path(tmp) / "sans-index.sqlite3")
        avec = Database(Path(tmp) / "avec-index.sqlite3")
        with avec.transaction() as conn:
            conn.execute("CREATE INDEX sessions_expiry ON sessions(expires_at)")
        print(f"{args.ecritures} écritures de session de chaque côté…", flush=True)
        duree_sans = ecrire(sans, args.ecritures, jetons)
        duree_avec = ecrire(avec, args.ecritures, jetons)
        with sans.transaction() as conn:
            conn.executemany(
                "INSERT INTO sessions (token_hash, data, expires_at) VALUES (?, '{}', ?)",
                ((secrets.token_hex(32), 10_000.0 + i) for i in range(args.sessions)),
            )
        debut = time.perf_counter()
        with sans.transaction() as conn:
            purgees = purge_sessions(conn, now=DUREE_DE_VIE_S + args.ecritures * 0.01)
        purge = time.perf_counter() - debut
    print()
    print(
        f"écriture de session, portail (sans index) : {duree_sans / args.ecritures * 1e6:7.0f} µs"
    )
    print(
        f"écriture de session, avec index           : {duree_avec / args.ecritures * 1e6:7.0f} µs"
    )
    print(f"coût de l'index (avec / sans)             : {duree_avec / duree_sans:7.2f}x")
    print(
        f"purge ({purgees} expirées parmi {args.sessions + purgees} sessions) : "
        f"{purge * 1000:7.1f} ms, une fois par minute et par processus"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
