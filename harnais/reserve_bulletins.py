"""Ballots built ahead of a load run, as a real injector builds them: each voter's signing
key x derived from its code de vote, and for each of its scrutins one ballot for a list
drawn at random, encrypted, proven and signed by the protocol's Python side
(`chiffrement/`, the browser module's twin). During the run the Votant persona then
spends its CPU on what a voter's browser does live (the proof of possession on the
session's challenge) and the portal still checks every ballot in full.

Each reserved ballot is given out once (a ballot cast twice would be refused as a
replay); a voter or scrutin missing from the reserve is built live, and counted.

The file is JSON Lines, one voter a line:

    {"electeur": "<email>", "x": "<hex>", "bulletins": {"<scrutin id>": [indice, "<json>"]}}

It holds the voters' signing keys: a test secret, written with the owner's rights only.
"""

from __future__ import annotations

import json
import os
import random
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chiffrement.bulletin import construire_bulletin
from chiffrement.credential import deriver_secret
from chiffrement.hachage import json_canonique
from chiffrement.parametres import Parametres, lire_parametres

# Voters handed to one worker process at a time: large enough to amortise the transfer.
PAR_LOT = 50


@dataclass(frozen=True)
class VotantPrevu:
    """What the injector knows of one voter: its address, code de vote, scrutins' names."""

    email: str
    code: str
    scrutins: tuple[str, ...]


def preparer_electeur(parametres: Parametres, electeur: VotantPrevu, hasard: random.Random) -> str:
    """One line of the reserve: x, and one ballot per scrutin for a list drawn at random."""
    x = deriver_secret(electeur.code, parametres.election, electeur.email, parametres.iterations)
    bulletins: dict[str, list[Any]] = {}
    for ident in parametres.ids_des_scrutins(electeur.scrutins):
        indice = hasard.randrange(len(parametres.scrutins[ident].listes))
        bulletin = json_canonique(construire_bulletin(parametres, ident, [indice], x)).decode()
        bulletins[ident] = [indice, bulletin]
    return json.dumps({"electeur": electeur.email, "x": format(x, "x"), "bulletins": bulletins})


# Each worker process reads the parameters once (they travel as the published document).
_parametres_du_processus: Parametres | None = None


def _initialiser(document: dict[str, Any]) -> None:
    global _parametres_du_processus
    _parametres_du_processus = lire_parametres(document)


def _lot(electeurs: list[VotantPrevu], graine: int) -> list[str]:
    assert _parametres_du_processus is not None
    hasard = random.Random(graine)
    return [preparer_electeur(_parametres_du_processus, e, hasard) for e in electeurs]


def ecrire_reserve(
    parametres: Parametres,
    electeurs: Iterable[VotantPrevu],
    sortie: Path,
    processus: int = os.cpu_count() or 1,
    graine: int = 0,
    progression: Callable[[int], None] = lambda faits: None,
) -> int:
    """Build the reserve of `electeurs` into `sortie` (mode 600) on `processus` worker
    processes; call `progression` with the voters done after each batch; return how
    many voters it holds."""
    lots: list[list[VotantPrevu]] = []
    courant: list[VotantPrevu] = []
    for electeur in electeurs:
        courant.append(electeur)
        if len(courant) == PAR_LOT:
            lots.append(courant)
            courant = []
    if courant:
        lots.append(courant)
    faits = 0
    descripteur = os.open(sortie, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with (
        os.fdopen(descripteur, "w", encoding="utf-8") as fichier,
        ProcessPoolExecutor(
            max(1, processus), initializer=_initialiser, initargs=(parametres.document,)
        ) as pool,
    ):
        graines = [graine * 1_000_003 + i for i in range(len(lots))]
        for lot, lignes in zip(lots, pool.map(_lot, lots, graines), strict=True):
            fichier.writelines(ligne + "\n" for ligne in lignes)
            faits += len(lot)
            progression(faits)
    return faits


class ReserveBulletins:
    """The reserve read back: x by voter, and each voter's ballots, each given out once.
    Shared by every simulated voter of a process (gevent greenlets, or threads)."""

    def __init__(self, lignes: Iterable[str]) -> None:
        self._verrou = threading.Lock()
        self._secrets: dict[str, int] = {}
        self._bulletins: dict[tuple[str, str], tuple[int, str]] = {}
        for ligne in lignes:
            if not ligne.strip():
                continue
            donnee = json.loads(ligne)
            electeur = donnee["electeur"]
            self._secrets[electeur] = int(donnee["x"], 16)
            for ident, (indice, bulletin) in donnee["bulletins"].items():
                self._bulletins[(electeur, ident)] = (int(indice), bulletin)
        self.donnes = 0  # ballots given out from the reserve
        self.construits = 0  # ballots the journey had to build live

    @classmethod
    def lire(cls, chemin: Path) -> ReserveBulletins:
        """The reserve written by `ecrire_reserve`."""
        with chemin.open(encoding="utf-8") as fichier:
            return cls(fichier)

    def secret(self, electeur: str) -> int | None:
        """The voter's x, derived ahead, or None."""
        return self._secrets.get(electeur)

    def indice_prevu(self, electeur: str, scrutin: str) -> int | None:
        """The list the voter will choose in that scrutin (its reserved ballot's), if any."""
        reserve = self._bulletins.get((electeur, scrutin))
        return None if reserve is None else reserve[0]

    def prendre(self, electeur: str, scrutin: str, indice: int) -> str | None:
        """The reserved ballot of that voter, scrutin and list, given out once; None when
        there is none (the caller builds it live and says so with `construit`)."""
        with self._verrou:
            reserve = self._bulletins.get((electeur, scrutin))
            if reserve is None or reserve[0] != indice:
                return None
            del self._bulletins[(electeur, scrutin)]
            self.donnes += 1
            return reserve[1]

    def construit(self) -> None:
        """Count a ballot built live, during the run."""
        with self._verrou:
            self.construits += 1
