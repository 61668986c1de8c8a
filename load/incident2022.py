"""Profile « 2022 »: réassort mails that come late for codes valid 120 s, voters who ask
again; open arrivals (README « Incidents rejoués »). The portal's link lifetime
(`--lien-duree 120s`) and the sink's delay (`--panne-retard`) are set by
`scripts/charge.py --profil 2022`.

    .venv/bin/python scripts/charge.py --profil 2022
"""

from typing import Any

from locust import events

from load import options, slo  # noqa: F401  (registers the options and the SLO gate)
from load.formes_incidents import Retards2022
from load.personas import ElecteurActif, Maladroit, PremiereConnexion, SansActivation, Votant

__all__ = [
    "ElecteurActif",
    "Maladroit",
    "PremiereConnexion",
    "Retards2022",
    "SansActivation",
    "Votant",
]


@events.init_command_line_parser.add_listener
def voters_are_impatient(parser: Any) -> None:
    """2022's voters ask for a new mail when the first one is late."""
    parser.set_defaults(impatience=True)
