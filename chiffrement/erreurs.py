"""The core's typed errors, with messages in French that name what does not hold."""

from __future__ import annotations


class ErreurChiffrement(ValueError):
    """Base of every refusal of the crypto core."""


class DonneeInvalide(ErreurChiffrement):
    """A value read from outside is malformed: not a group element, a scalar out of range,
    a missing field, a list of the wrong length."""


class PreuveInvalide(ErreurChiffrement):
    """A zero-knowledge proof or a signature does not verify."""


class Incoherence(ErreurChiffrement):
    """Published pieces disagree: a fingerprint, a chain link, a count, a key."""
