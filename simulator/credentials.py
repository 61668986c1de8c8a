"""Credentials of `actif` voters derived from the roll's secret, and their lazy hashing.

A roll of 1.1 million voters cannot be loaded by hashing 110,000 passwords at the
production Argon2 cost (about six hours on two cores). Instead an `actif` voter loaded
from a roll stores the marker DERIVED: its password is HMAC-derived from its address and
the roll's secret (kept in the database). At its first successful login the portal
checks the derived password and then pays the real Argon2 cost once, replacing the
marker by a genuine Argon2id hash: from then on it is an ordinary account, and every
login costs what a production login costs.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from simulator.identity import QUESTIONS_DEFI, normalise_identifiant

DERIVED = "derive:hmac-sha256"
SECRET_KEY = "secret"


@dataclass(frozen=True)
class Credentials:
    """The Élections password and challenge of an `actif` voter, derived, never stored."""

    password: str
    question: str
    answer: str


def derive_credentials(email: str, secret: str) -> Credentials:
    """Derive an `actif` voter's secrets from its address and a roll secret (HMAC-SHA256)."""
    digest = hmac.new(secret.encode(), normalise_identifiant(email).encode(), hashlib.sha256)
    token = digest.hexdigest()
    # A fixed frame guarantees every policy class: upper, lower, digit, special.
    return Credentials(
        password=f"Ep-{token[:16]}-7A",
        question=QUESTIONS_DEFI[0],
        answer=f"reponse-{token[16:24]}",
    )


def matches_derived(email: str, password: str, secret: str | None) -> bool:
    """Whether `password` is the one derived for this address (constant-time compare)."""
    if secret is None:
        return False
    expected = derive_credentials(email, secret).password
    return hmac.compare_digest(expected.encode(), password.encode())
