"""Profile « 2018 »: the 10:00 herd of the 2018 opening, impatient voters, open arrivals
(README « Incidents rejoués »).

    .venv/bin/python scripts/charge.py --profil 2018
"""

from typing import Any

from locust import events

from load import options, slo  # noqa: F401  (registers the options and the SLO gate)
from load.formes_incidents import Troupeau2018
from load.personas import ElecteurActif, Maladroit, PremiereConnexion, SansActivation, Votant

__all__ = [
    "ElecteurActif",
    "Maladroit",
    "PremiereConnexion",
    "SansActivation",
    "Troupeau2018",
    "Votant",
]


@events.init_command_line_parser.add_listener
def voters_are_impatient(parser: Any) -> None:
    """2018's voters reload and retry: impatience is on by default in this profile."""
    parser.set_defaults(impatience=True)
