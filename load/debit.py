"""Profile « debit »: every persona at a constant arrival rate, open arrivals; the steps
of `make effondrement`.

    locust -f load/debit.py --host http://127.0.0.1:8000 --headless --debit 40 -t 30s
"""

from load import options, slo  # noqa: F401  (registers the options and the SLO gate)
from load.formes_incidents import Debit
from load.personas import ElecteurActif, Maladroit, PremiereConnexion, SansActivation, Votant

__all__ = ["Debit", "ElecteurActif", "Maladroit", "PremiereConnexion", "SansActivation", "Votant"]
