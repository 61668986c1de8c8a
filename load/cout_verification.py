"""What checking the ballots costs the portal, measured apart: the processor time to verify
ballots of a reserve (load/preparer_reserve.py) in full — every point, every proof, the
signature — as the portal does at « JE VOTE ». The capacity bench sets it beside the
portal's whole processor time per voter, to say how much of it no faster web stack could
save."""

from __future__ import annotations

import json
import time
from itertools import islice
from pathlib import Path

from chiffrement.bulletin import verifier_bulletin
from chiffrement.parametres import Parametres


def ms_par_bulletin(reserve: Path, parametres: Parametres, echantillon: int = 60) -> float:
    """Mean processor milliseconds to verify one ballot, over the ballots of the reserve's
    first voters (at least `echantillon` ballots when the reserve has them, every scrutin
    a voter has, so lists per ballot as in the run); 0 for an empty reserve."""
    bulletins: list[object] = []
    with reserve.open(encoding="utf-8") as lignes:
        for ligne in islice(lignes, echantillon):
            for _indice, texte in json.loads(ligne)["bulletins"].values():
                bulletins.append(json.loads(texte))
            if len(bulletins) >= echantillon:
                break
    debut = time.process_time()
    for bulletin in bulletins:
        verifier_bulletin(parametres, bulletin)
    return 1000 * (time.process_time() - debut) / len(bulletins) if bulletins else 0.0
