"""Profile « ouverture »: the opening spike of the vote, every persona, SLO gate.

    locust -f load/ouverture.py --host http://127.0.0.1:8000 --mail-api-url http://127.0.0.1:8025 \\
        --headless --facteur 0.05 --echelle-temps 12
"""

from load import options, slo  # noqa: F401  (registers the options and the SLO gate)
from load.formes_de_charge import Ouverture
from load.personas import ElecteurActif, Maladroit, PremiereConnexion, SansActivation, Votant

__all__ = [
    "ElecteurActif",
    "Maladroit",
    "Ouverture",
    "PremiereConnexion",
    "SansActivation",
    "Votant",
]
