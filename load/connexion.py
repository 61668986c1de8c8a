"""Profile « connexion »: active voters only, no shape (users and duration from the command
line); the short smoke run of `make test`.

    locust -f load/connexion.py --host http://127.0.0.1:8000 --headless -u 20 -r 5 -t 1m
"""

from load import options, slo  # noqa: F401  (registers the options and the SLO gate)
from load.personas import ElecteurActif

__all__ = ["ElecteurActif"]
