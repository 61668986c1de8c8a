"""Profile « journee »: a steady day of the vote, every persona, SLO gate."""

from load import options, slo  # noqa: F401  (registers the options and the SLO gate)
from load.formes_de_charge import Journee
from load.personas import ElecteurActif, Maladroit, PremiereConnexion, SansActivation, Votant

__all__ = [
    "ElecteurActif",
    "Journee",
    "Maladroit",
    "PremiereConnexion",
    "SansActivation",
    "Votant",
]
