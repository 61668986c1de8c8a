"""The credential authority's signature on a credential it issues at a réassort of the
code de vote: Ed25519 (RFC 8032, libsodium through PyNaCl) over the parameters'
fingerprint, the credential replaced and the new one.

The portal writes the replacement on the public board, but only the authority can sign
it: a portal host, or a database administrator, who put a credential of their own in
place of an abstaining voter's (and so could sign ballots for that voter) would have no
signature to show, and the verifier, given the authority's public credentials file (where
the authority names its public key), refuses the board. Binding the credential replaced
keeps a signature from serving for another voter's entry.
"""

from __future__ import annotations

from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

from chiffrement.erreurs import DonneeInvalide, PreuveInvalide
from chiffrement.hachage import json_canonique

USAGE = "elections-pro/remplacement-de-credential/1"


def message_remplacement(parametres: str, remplace: str | None, credential: str) -> bytes:
    """What the authority signs: canonical JSON of the usage, the parameters' fingerprint,
    the credential replaced (None when the portal names none) and the new one."""
    return json_canonique(
        {"usage": USAGE, "parametres": parametres, "remplace": remplace, "credential": credential}
    )


def cle_publique(graine: bytes) -> str:
    """The public key (64 hexadecimal digits) of the signing key made from `graine`."""
    return SigningKey(graine[:32]).verify_key.encode().hex()


def signer_remplacement(
    graine: bytes, parametres: str, remplace: str | None, credential: str
) -> str:
    """The authority's signature (128 hexadecimal digits) of this replacement."""
    message = message_remplacement(parametres, remplace, credential)
    return SigningKey(graine[:32]).sign(message).signature.hex()


def verifier_remplacement(
    publique: str, parametres: str, remplace: str | None, credential: str, signature: object
) -> None:
    """Check the authority's signature of a replacement; raise PreuveInvalide if it does
    not hold (or is missing), DonneeInvalide if the key or signature is not hex."""
    if not isinstance(signature, str):
        raise PreuveInvalide("remplacement sans signature de l'autorité de credentials")
    try:
        cle, brute = VerifyKey(bytes.fromhex(publique)), bytes.fromhex(signature)
    except ValueError:
        raise DonneeInvalide("clé ou signature de l'autorité : hexadécimal attendu") from None
    if len(brute) != 64:
        raise PreuveInvalide("signature de l'autorité : 64 octets attendus")
    try:
        cle.verify(message_remplacement(parametres, remplace, credential), brute)
    except BadSignatureError:
        raise PreuveInvalide("signature de l'autorité de credentials fausse") from None
