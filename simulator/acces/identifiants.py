"""What the portal keeps of the derived credentials of a roll's voters: a salted fast hash
of each, never the roll's secret (issue #21, attack 4: the secret stored in the database
gave any voter's code de vote and any `actif` voter's password to whoever read the file).

The loader (commandes/chargement.py) derives each voter's secrets from its address and the
roll's secret (fixtures/identifiants.py), stores `empreinte_derivee` of each, and forgets
the roll's secret. Why a fast hash is enough here, when a password typed by a person needs
Argon2id: a derived secret is drawn by HMAC-SHA256, not chosen by a person, and carries at
least 60 bits (the password and the challenge answer 64 bits of hexadecimal, the code de
vote 12 characters of a 32-letter alphabet). Guessing one from its hash means about 2^60
BLAKE2b evaluations for that voter alone (the salt is the voter's own), years of a
graphics card. Argon2id, whose slowness only matters for guessable secrets, would cost
a national roll about six hours for the 110,000 passwords of `actif` voters at the
production cost on two cores, and ten times that for 1.1 million codes de vote: days.

At an `actif` voter's first successful login the portal checks the derived password,
then pays the real Argon2 cost once and stores a genuine Argon2id hash instead: from then
on it is an ordinary account.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

__all__ = ["empreinte_derivee", "est_derive", "verifier_derive"]

# The prefix tells these hashes from Argon2id's (`$argon2id$…`) in the same columns.
PREFIXE = "derive-b2$"
_PERSONNE = b"elections-derive"  # BLAKE2b's personalisation: no other use collides


def _b64(octets: bytes) -> str:
    return base64.urlsafe_b64encode(octets).rstrip(b"=").decode()


def _digest(valeur: str, sel: bytes) -> bytes:
    return hashlib.blake2b(valeur.encode(), digest_size=16, salt=sel, person=_PERSONNE).digest()


def empreinte_derivee(valeur: str) -> str:
    """The salted BLAKE2b hash of a derived secret, as stored (the salt drawn here)."""
    sel = secrets.token_bytes(16)
    return f"{PREFIXE}{_b64(sel)}${_b64(_digest(valeur, sel))}"


def est_derive(stored: str | None) -> bool:
    """Whether a stored hash is a derived secret's fast hash (not yet an Argon2id one)."""
    return stored is not None and stored.startswith(PREFIXE)


def verifier_derive(stored: str, valeur: str) -> bool:
    """Whether `valeur` is the derived secret `stored` was made from (constant-time)."""
    try:
        sel_b64, attendu_b64 = stored.removeprefix(PREFIXE).split("$")
        sel = base64.urlsafe_b64decode(sel_b64 + "==")
        attendu = base64.urlsafe_b64decode(attendu_b64 + "==")
        return hmac.compare_digest(attendu, _digest(valeur, sel))
    except ValueError:  # not one of ours (altered, or a salt BLAKE2b refuses)
        return False
