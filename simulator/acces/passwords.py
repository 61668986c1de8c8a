"""Argon2id password hashing with a production cost and a cheap cost for tests."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from simulator.settings import HashCost

# The production profile follows RFC 9106's second recommendation (64 MiB, t=3);
# "fast" keeps Argon2id but at a cost that lets a test suite hash thousands of times.
_PROFILES: dict[HashCost, tuple[int, int, int]] = {
    # (time_cost, memory_cost in KiB, parallelism)
    "production": (3, 64 * 1024, 4),
    "fast": (1, 1024, 1),
}


@cache
def hasher(cost: HashCost) -> PasswordHasher:
    """Return the Argon2id hasher for a cost profile."""
    time_cost, memory_cost, parallelism = _PROFILES[cost]
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)


@cache
def _dummy_hash(cost: HashCost) -> str:
    return hasher(cost).hash("mot de passe factice pour égaliser les temps")


def hash_password(password: str, cost: HashCost) -> str:
    """Hash a password with Argon2id at the given cost."""
    return hasher(cost).hash(password)


def verify_password(stored_hash: str | None, password: str, cost: HashCost) -> bool:
    """Check a password; with no stored hash, burn the same time and return False."""
    if stored_hash is None:
        # Verify against a dummy so an unknown or passwordless voter is not
        # distinguishable from a wrong password by response time.
        _matches(_dummy_hash(cost), password, cost)
        return False
    return _matches(stored_hash, password, cost)


def _matches(stored_hash: str, password: str, cost: HashCost) -> bool:
    try:
        return hasher(cost).verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False
