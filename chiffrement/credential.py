"""The voter's credential (Belenios, section Credentials), derived from the code de vote.

Belenios gives each voter a secret credential c from which the browser derives a signing
key x (public credential g^x); the server knows only g^x, so it cannot cast a ballot. Here
c is the code de vote of the paper notice. Belenios derives x with one HashToField because
its credentials carry about 128 bits; a code de vote carries 60 (12 characters of a
32-letter alphabet), so a slow PBKDF2-SHA256 comes first, salted by the election and the
voter: whoever reads g^x in the portal's database must pay that derivation for every guess,
for one voter at a time.
"""

from __future__ import annotations

import hashlib

from chiffrement.erreurs import DonneeInvalide
from chiffrement.groupe import Point, puissance_g
from chiffrement.hachage import PREFIXE, etiquette, hacher_vers_scalaire

ALGORITHME = "PBKDF2-SHA256"
# What a browser pays once per voter (about 0.1–0.3 s with @noble/hashes); the portal never
# pays it. Written in the public parameters, so a test election may choose fewer.
ITERATIONS_PAR_DEFAUT = 100_000


def normaliser_code(code: str) -> str:
    """The code as typed, without case, blanks or dashes (« k7q2 m9xp-4tza » → K7Q2M9XP4TZA)."""
    return "".join(c for c in code.upper() if c not in " -\t")


def sel(election: str, electeur: str) -> bytes:
    """The derivation's salt: the election and the voter, so no guess serves twice."""
    return f"{PREFIXE}|{election}|{electeur}".encode()


def deriver_secret(code: str, election: str, electeur: str, iterations: int) -> int:
    """The signing key x derived from a code de vote (PBKDF2-SHA256, then HashToField)."""
    normalise = normaliser_code(code)
    if not normalise:
        raise DonneeInvalide("code de vote vide")
    if iterations < 1:
        raise DonneeInvalide("nombre d'itérations de la dérivation invalide")
    lent = hashlib.pbkdf2_hmac("sha256", normalise.encode(), sel(election, electeur), iterations)
    secret = hacher_vers_scalaire(etiquette("derive_credential"), lent.hex())
    if secret == 0:  # probability 2^-252; libsodium refuses a zero exponent
        raise DonneeInvalide("dérivation dégénérée")
    return secret


def credential_publique(secret: int) -> Point:
    """The public credential g^x, all the portal keeps."""
    return puissance_g(secret)


def credential_du_code(code: str, election: str, electeur: str, iterations: int) -> str:
    """The public credential, in Belenios's hex form, of the voter `electeur` whose code
    de vote is `code` (what the credential authority computes; the browser does the same
    from the code typed)."""
    return credential_publique(deriver_secret(code, election, electeur, iterations)).texte()
