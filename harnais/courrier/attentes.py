"""How long the harness waits for a mail: one place, readable from the environment.

A scenario waits `MAIL_ATTENTE_S` seconds for a mail (10 by default): longer means a
portal too slow for a voter, which the scenario should report. A load run measures the
mail's delay and waits up to `MAIL_ATTENTE_CHARGE_S` (300) before it calls the mail lost.
A search held inside the mail API (`wait=`, the reference sink's extension) lasts at most
`ATTENTE_TENUE_MAX_S`, under the sink's own limit of 30 s and well within the network
timeout.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

ATTENTE_TENUE_MAX_S = 20.0
# The reference sink refuses a held search longer than this.
ATTENTE_TENUE_PUITS_S = 30.0


class AttenteInvalide(ValueError):
    """A wait read from the environment is not a positive number of seconds."""


def _secondes(variable: str, defaut: float) -> float:
    brut = os.environ.get(variable, "").strip()
    if not brut:
        return defaut
    try:
        valeur = float(brut.replace(",", "."))
    except ValueError:
        valeur = -1.0
    if not 0 < valeur <= 3600:
        raise AttenteInvalide(
            f"{variable}={brut!r} : un nombre de secondes entre 0 et 3600 est attendu"
        )
    return valeur


@dataclass(frozen=True)
class Attentes:
    """The harness's mail waits, in seconds."""

    scenario_s: float = 10.0
    charge_s: float = 300.0
    tenue_max_s: float = ATTENTE_TENUE_MAX_S

    @classmethod
    def depuis_environnement(cls) -> Attentes:
        """The waits, each overridable by its environment variable."""
        return cls(
            scenario_s=_secondes("MAIL_ATTENTE_S", cls.scenario_s),
            charge_s=_secondes("MAIL_ATTENTE_CHARGE_S", cls.charge_s),
        )
