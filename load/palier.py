"""Profile « palier »: a stepwise ramp of every persona to find the breaking point."""

from load import options, slo  # noqa: F401  (registers the options and the SLO gate)
from load.formes_de_charge import Palier
from load.personas import ElecteurActif, Maladroit, PremiereConnexion, SansActivation, Votant

__all__ = [
    "ElecteurActif",
    "Maladroit",
    "Palier",
    "PremiereConnexion",
    "SansActivation",
    "Votant",
]
