"""The lock against guessing, shared by the Élections password and the code de vote: after
`echecs_avant_verrou` wrong tries an identifier is locked for `duree_verrou_s`, each
later lock of the same identifier twice as long as the one before.

A try is charged to the lock before its secret is checked (`reserver_essai`), in a write
transaction that workers take one at a time: a burst sent at once by many threads or
processes gets at most `echecs_avant_verrou` tries checked, the others are refused by the
lock unseen (issue #21, attack 9: reading the lock, checking, then counting let 9 of 24
simultaneous wrong codes be checked). A right secret then clears what its try charged.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass

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
    if echecs < settings.election.echecs_avant_verrou:
        ecrire_verrou(conn, cle, Verrou(echecs, verrou.locks, verrou.locked_until))
        return None
    duree = settings.election.duree_verrou_s * (1 << verrou.locks)
    ecrire_verrou(
        conn, cle, Verrou(failures=0, locks=verrou.locks + 1, locked_until=maintenant + duree)
    )
    return duree


@dataclass(frozen=True)
class Essai:
    """One try charged to a lock before its secret is checked."""

    # Minutes left of the lock that refuses this try unchecked (None: the try may go on).
    bloque_minutes: int | None = None
    # Length in seconds of the lock this try set, which stands if the secret is wrong.
    verrou_s: int | None = None


def reserver_essai(
    conn: sqlite3.Connection, cle: str, settings: Settings, maintenant: float
) -> Essai:
    """In the caller's write transaction: refuse the try if `cle` is locked, else count it
    as a failure now (locking on the last allowed one), before anything is checked."""
    minutes = minutes_de_verrou(lire_verrou(conn, cle), maintenant)
    if minutes is not None:
        return Essai(bloque_minutes=minutes)
    return Essai(verrou_s=compter_echec(conn, cle, settings, maintenant))
