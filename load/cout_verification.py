"""What checking the ballots costs the portal, measured apart: the processor time to verify
ballots of a reserve (load/preparer_reserve.py) in full — every point, every proof, the
signature — as the portal does at « JE VOTE ». The capacity bench sets it beside the
portal's whole processor time per voter, to say how much of it no faster web stack could
save."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from chiffrement.bulletin import verifier_bulletin
from chiffrement.parametres import Parametres


@dataclass(frozen=True)
class CoutVerification:
    """Processor time to verify a ballot, and how many ballots a voter of the reserve casts."""

    ms_par_bulletin: float
    bulletins_par_votant: float

    @property
    def ms_par_votant(self) -> float:
        """Processor ms to verify all of one voting voter's ballots."""
        return self.ms_par_bulletin * self.bulletins_par_votant


def mesurer(reserve: Path, parametres: Parametres, echantillon: int = 60) -> CoutVerification:
    """Verify the ballots of the reserve's first voters (at least `echantillon` ballots when
    the reserve has them; each voter's every scrutin, so as many lists per ballot as in the
    run) and time it; zero for an empty reserve."""
    bulletins: list[object] = []
    votants = 0
    with reserve.open(encoding="utf-8") as lignes:
        for ligne in islice(lignes, echantillon):
            votants += 1
            for _indice, texte in json.loads(ligne)["bulletins"].values():
                bulletins.append(json.loads(texte))
            if len(bulletins) >= echantillon:
                break
    if not bulletins:
        return CoutVerification(0.0, 0.0)
    debut = time.process_time()
    for bulletin in bulletins:
        verifier_bulletin(parametres, bulletin)
    duree = time.process_time() - debut
    return CoutVerification(1000 * duree / len(bulletins), len(bulletins) / votants)
