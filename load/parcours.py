"""Profile « parcours »: every persona, no shape (users and duration from the command line);
used by `make test` for a short run of the whole opening mix."""

from load import options, slo  # noqa: F401  (registers the options and the SLO gate)
from load.personas import ElecteurActif, Maladroit, PremiereConnexion, SansActivation, Votant

__all__ = [
    "ElecteurActif",
    "Maladroit",
    "PremiereConnexion",
    "SansActivation",
    "Votant",
]
