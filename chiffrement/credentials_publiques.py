"""The public credentials file (Belenios's `public_creds`): what the credential authority
publishes and the portal loads, one public credential g^x per voter of the roll.

The authority derives each x from the voter's secret code de vote and keeps nothing; the
portal receives this file alone and so never holds a code. The file names the election,
the fingerprint of the public parameters it was made for and their iteration count: a
file made for other parameters is refused. Its own fingerprint (SHA-256 of every line
before the last) closes it; the authority prints it, the portal prints it and records it
at its first start, and refuses another one afterwards.

Format, JSON lines, sorted by voter: a header
`{"format", "election", "parametres", "iterations", "electeurs"}` (and `"autorite"`, the
public key with which the authority signs the credentials it issues at a réassort:
chiffrement/signature_autorite.py), one `[voter, g^x]` per voter, and a last line
`{"empreinte": …}`. Lines rather than one document so that a
roll of a million voters is written and read line by line.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from chiffrement.erreurs import ErreurChiffrement
from chiffrement.groupe import point_depuis_texte
from chiffrement.parametres import Parametres

FORMAT = "credentials-publiques/1"


class CredentialsRefusees(ErreurChiffrement):
    """A public credentials file that cannot be read, is altered, or does not match."""


@dataclass(frozen=True)
class CredentialsPubliques:
    """A checked public credentials file: per voter (normalised identifiant) its g^x."""

    election: str
    parametres: str
    iterations: int
    credentials: dict[str, str]
    empreinte: str
    # The authority's public signing key (hex), None in a file made before it had one.
    cle_autorite: str | None = None


def _ligne(valeur: object) -> bytes:
    return json.dumps(valeur, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def ecrire_credentials(
    chemin: Path,
    parametres: Parametres,
    credentials: Iterable[tuple[str, str]],
    cle_autorite: str | None = None,
) -> str:
    """Write the file for these parameters, naming the authority's public signing key if
    given (mode 600, its folder 700 if created here, never over an existing file); return
    its fingerprint."""
    triees = sorted(credentials)
    chemin.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(chemin, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise CredentialsRefusees(f"{chemin} existe déjà : jamais écrasé") from None
    condensat = hashlib.sha256()
    with os.fdopen(fd, "wb") as sortie:
        entete = {
            "format": FORMAT,
            "election": parametres.election,
            "parametres": parametres.empreinte,
            "iterations": parametres.iterations,
            "electeurs": len(triees),
            **({"autorite": cle_autorite} if cle_autorite is not None else {}),
        }
        for valeur in (entete, *([e, c] for e, c in triees)):
            ligne = _ligne(valeur)
            condensat.update(ligne)
            sortie.write(ligne)
        sortie.write(_ligne({"empreinte": condensat.hexdigest()}))
    return condensat.hexdigest()


def _entete(ligne: bytes, chemin: Path) -> dict[str, object]:
    try:
        entete = json.loads(ligne)
    except (UnicodeDecodeError, json.JSONDecodeError):
        entete = None
    if not isinstance(entete, dict) or entete.get("format") != FORMAT:
        raise CredentialsRefusees(f"{chemin} n'est pas un fichier de credentials publiques")
    return entete


def lire_credentials(chemin: Path) -> CredentialsPubliques:
    """Read a public credentials file and check it: its closing fingerprint, every line,
    every g^x a valid group element, each voter once. Raises CredentialsRefusees."""
    try:
        lignes = chemin.read_bytes().splitlines(keepends=True)
    except OSError as exc:
        raise CredentialsRefusees(f"{chemin} illisible : {exc.strerror}") from None
    if len(lignes) < 2:
        raise CredentialsRefusees(f"{chemin} est vide ou tronqué")
    entete = _entete(lignes[0], chemin)
    condensat = hashlib.sha256(b"".join(lignes[:-1])).hexdigest()
    try:
        fin = json.loads(lignes[-1])
    except (UnicodeDecodeError, json.JSONDecodeError):
        fin = None
    if not isinstance(fin, dict) or fin.get("empreinte") != condensat:
        raise CredentialsRefusees(
            f"{chemin} : empreinte finale absente ou fausse, fichier altéré ou tronqué"
        )
    credentials: dict[str, str] = {}
    for numero, ligne in enumerate(lignes[1:-1], start=2):
        try:
            electeur, credential = json.loads(ligne)
            point_depuis_texte(credential, "credential")
        except (ValueError, TypeError) as exc:
            raise CredentialsRefusees(f"{chemin}, ligne {numero} : {exc}") from None
        if not isinstance(electeur, str) or electeur in credentials:
            raise CredentialsRefusees(f"{chemin}, ligne {numero} : électeur absent ou en double")
        credentials[electeur] = credential
    if entete.get("electeurs") != len(credentials):
        raise CredentialsRefusees(f"{chemin} : nombre d'électeurs annoncé faux")
    iterations = entete.get("iterations")
    cle = entete.get("autorite")
    if cle is not None and (not isinstance(cle, str) or len(cle) != 64):
        raise CredentialsRefusees(f"{chemin} : clé de l'autorité illisible")
    return CredentialsPubliques(
        str(entete.get("election")),
        str(entete.get("parametres")),
        iterations if isinstance(iterations, int) else -1,
        credentials,
        condensat,
        cle,
    )


def exiger_accord(credentials: CredentialsPubliques, parametres: Parametres) -> None:
    """Refuse a file made for another election, other parameters or another iteration
    count than these (each g^x would then belong to no code de vote a voter holds)."""
    if credentials.election != parametres.election:
        raise CredentialsRefusees(
            f"credentials de l'élection « {credentials.election} », pas de "
            f"« {parametres.election} »"
        )
    if credentials.parametres != parametres.empreinte:
        raise CredentialsRefusees(
            f"credentials faites pour les paramètres {credentials.parametres}, pas pour "
            f"ceux-ci ({parametres.empreinte})"
        )
    if credentials.iterations != parametres.iterations:
        raise CredentialsRefusees(
            f"credentials dérivées en {credentials.iterations} itérations, les paramètres en "
            f"demandent {parametres.iterations}"
        )


__all__ = [
    "CredentialsPubliques",
    "CredentialsRefusees",
    "ecrire_credentials",
    "exiger_accord",
    "lire_credentials",
]
