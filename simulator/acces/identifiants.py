"""Lazy hashing of the derived credentials of `actif` voters loaded from a roll.

A roll of 1.1 million voters cannot be loaded by hashing 110,000 passwords at the
production Argon2 cost (about six hours on two cores). Instead an `actif` voter loaded
from a roll stores the marker DERIVED: its password is HMAC-derived from its address and
the roll's secret (kept in the database, storage/election.py; see fixtures/identifiants.py).
At its first successful login the portal checks the derived password and then pays the real Argon2
cost once, replacing the marker by a genuine Argon2id hash: from then on it is an
ordinary account, and every login costs what a production login costs.
"""

from __future__ import annotations

import hmac

from fixtures.identifiants import deriver_identifiants

__all__ = ["DERIVED", "est_le_mot_de_passe_derive"]

DERIVED = "derive:hmac-sha256"


def est_le_mot_de_passe_derive(email: str, password: str, secret: str | None) -> bool:
    """Whether `password` is the one derived for this address (constant-time compare)."""
    if secret is None:
        return False
    expected = deriver_identifiants(email, secret).password
    return hmac.compare_digest(expected.encode(), password.encode())
