"""The lock against guessing, shared by the Élections password and the code de vote: after
`echecs_avant_verrou` wrong tries an identifier is locked for `duree_verrou_s`, each
later lock of the same identifier twice as long as the one before."""

from __future__ import annotations

import math
import sqlite3

from simulator.settings import Settings
from simulator.storage.verrous import Verrou, ecrire_verrou, lire_verrou


def minutes_de_verrou(verrou: Verrou, maintenant: float) -> int | None:
    """Minutes (rounded up) an identifier stays locked, or None if it is not locked."""
    if verrou.locked_until is None or verrou.locked_until <= maintenant:
        return None
    return math.ceil((verrou.locked_until - maintenant) / 60)


def compter_echec(
    conn: sqlite3.Connection, cle: str, settings: Settings, maintenant: float
) -> int | None:
    """Count one wrong try of `cle` in the caller's write transaction (concurrent failures
    all count); return the new lock's length in seconds if this try locks it."""
    verrou = lire_verrou(conn, cle)
    echecs = verrou.failures + 1
    if echecs < settings.echecs_avant_verrou:
        ecrire_verrou(conn, cle, Verrou(echecs, verrou.locks, verrou.locked_until))
        return None
    duree = settings.duree_verrou_s * (1 << verrou.locks)
    ecrire_verrou(
        conn, cle, Verrou(failures=0, locks=verrou.locks + 1, locked_until=maintenant + duree)
    )
    return duree
