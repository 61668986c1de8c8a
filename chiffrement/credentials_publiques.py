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
chiffrement/signature_autorite.py), one line per voter, and a last line
`{"empreinte": …}`. Lines rather than one document so that a roll of a million voters is
written and read line by line. A voter's line is `[voter, g^x, [scrutin ids]]` in format
2, which the authority writes: the scrutins the roll gives that voter, so that neither the
portal nor its database can let a credential vote in another scrutin (the portal refuses
to start, the verifier refuses the board's opening); format 1, `[voter, g^x]`, is still
read.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from chiffrement.erreurs import ErreurChiffrement
from chiffrement.groupe import point_depuis_texte
from chiffrement.parametres import Parametres

FORMAT = "credentials-publiques/1"
FORMAT_SCRUTINS = "credentials-publiques/2"


class CredentialsRefusees(ErreurChiffrement):
    """A public credentials file that cannot be read, is altered, or does not match."""


@dataclass(frozen=True)
class CredentialsPubliques:
    """A checked public credentials file: per voter (normalised identifiant) its g^x and,
    in format 2, the ids of its scrutins (None in format 1)."""

    election: str
    parametres: str
    iterations: int
    credentials: dict[str, str]
    empreinte: str
    # The authority's public signing key (hex), None in a file made before it had one.
    cle_autorite: str | None = None
    scrutins: dict[str, tuple[str, ...]] | None = None


def _ligne(valeur: object) -> bytes:
    return json.dumps(valeur, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def ecrire_credentials(
    chemin: Path,
    parametres: Parametres,
    credentials: Iterable[tuple[str, str]],
    cle_autorite: str | None = None,
    scrutins: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """Write the file for these parameters, naming the authority's public signing key if
    given (mode 600, its folder 700 if created here, never over an existing file); return
    its fingerprint. With `scrutins` (each voter's scrutin ids), format 2."""
    triees = sorted(credentials)
    chemin.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(chemin, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise CredentialsRefusees(f"{chemin} existe déjà : jamais écrasé") from None
    condensat = hashlib.sha256()
    with os.fdopen(fd, "wb") as sortie:
        entete = {
            "format": FORMAT if scrutins is None else FORMAT_SCRUTINS,
            "election": parametres.election,
            "parametres": parametres.empreinte,
            "iterations": parametres.iterations,
            "electeurs": len(triees),
            **({"autorite": cle_autorite} if cle_autorite is not None else {}),
        }
        lignes: Iterable[list[object]] = (
            ([e, c] for e, c in triees)
            if scrutins is None
            else ([e, c, sorted(set(scrutins[e]))] for e, c in triees)
        )
        for valeur in (entete, *lignes):
            ligne = _ligne(valeur)
            condensat.update(ligne)
            sortie.write(ligne)
        sortie.write(_ligne({"empreinte": condensat.hexdigest()}))
    return condensat.hexdigest()


def entete_credentials(ligne: bytes, chemin: Path) -> dict[str, object]:
    """The header line of a public credentials file, or CredentialsRefusees."""
    try:
        entete = json.loads(ligne)
    except (UnicodeDecodeError, json.JSONDecodeError):
        entete = None
    if not isinstance(entete, dict) or entete.get("format") not in (FORMAT, FORMAT_SCRUTINS):
        raise CredentialsRefusees(f"{chemin} n'est pas un fichier de credentials publiques")
    return entete


def cle_nommee(chemin: Path) -> str | None:
    """The signing key the file's header names (None: none, or no readable header); the
    file itself is checked whole by lire_credentials."""
    try:
        with chemin.open("rb") as fichier:
            cle = entete_credentials(fichier.readline(), chemin).get("autorite")
    except (OSError, CredentialsRefusees):
        return None
    return cle if isinstance(cle, str) else None


def lire_credentials(chemin: Path) -> CredentialsPubliques:
    """Read a public credentials file and check it: its closing fingerprint, every line,
    every g^x a valid group element, each voter once. Raises CredentialsRefusees."""
    try:
        lignes = chemin.read_bytes().splitlines(keepends=True)
    except OSError as exc:
        raise CredentialsRefusees(f"{chemin} illisible : {exc.strerror}") from None
    if len(lignes) < 2:
        raise CredentialsRefusees(f"{chemin} est vide ou tronqué")
    entete = entete_credentials(lignes[0], chemin)
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
    avec_scrutins = entete.get("format") == FORMAT_SCRUTINS
    scrutins: dict[str, tuple[str, ...]] = {}
    for numero, ligne in enumerate(lignes[1:-1], start=2):
        try:
            electeur, credential, *reste = json.loads(ligne)
            point_depuis_texte(credential, "credential")
        except (ValueError, TypeError) as exc:
            raise CredentialsRefusees(f"{chemin}, ligne {numero} : {exc}") from None
        if not isinstance(electeur, str) or electeur in credentials:
            raise CredentialsRefusees(f"{chemin}, ligne {numero} : électeur absent ou en double")
        if len(reste) != int(avec_scrutins) or (
            avec_scrutins
            and not (isinstance(reste[0], list) and all(isinstance(s, str) for s in reste[0]))
        ):
            attendu = "[électeur, g^x, [scrutins]]" if avec_scrutins else "[électeur, g^x]"
            raise CredentialsRefusees(f"{chemin}, ligne {numero} : {attendu} attendu")
        credentials[electeur] = credential
        if avec_scrutins:
            scrutins[electeur] = tuple(reste[0])
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
        scrutins if avec_scrutins else None,
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
    if credentials.scrutins is not None:
        inconnus = {s for t in credentials.scrutins.values() for s in t} - set(parametres.scrutins)
        if inconnus:
            raise CredentialsRefusees(
                f"credentials pour des scrutins que ces paramètres ne scellent pas "
                f"({sorted(inconnus)[0]}…)"
            )


__all__ = [
    "CredentialsPubliques",
    "CredentialsRefusees",
    "cle_nommee",
    "ecrire_credentials",
    "entete_credentials",
    "exiger_accord",
    "lire_credentials",
]
