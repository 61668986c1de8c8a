"""The credential authority's public credentials file, kept by each portal process as an
index built once at start: for a voter's address, the credential the authority gave them
and the scrutins it may vote in, without asking the database (whose administrator may
write `voters.credential` or `voters.scrutins`).

42 bytes a voter (1.1 million voters: about 46 MB a process): a sorted array of 8-byte
keyed BLAKE2b digests of the addresses, their 32-byte credentials in the same order, and
2 bytes naming their set of scrutins among the few distinct ones. The digest's key is
drawn by each process and never leaves it: no one can look for an address whose digest
meets another voter's. The file was checked whole by the portal's start
(vote/credentials.py: every g^x, the roll, the parameters); a process reads it line by
line, without decoding points again, and refuses it unless its fingerprint is that one.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

from chiffrement.credentials_publiques import CredentialsRefusees, entete_credentials

_TAILLE_POINT = 32
# Buckets of the counting sort: the digests' top 16 bits.
_SEAUX = 1 << 16


@dataclass(frozen=True)
class Inscription:
    """What the authority's file gives a voter: a credential and, in format 2, the ids of
    the scrutins it may vote in (None in format 1)."""

    credential: str
    scrutins: frozenset[str] | None


class CredentialsDeLAutorite:
    """The authority's file, per voter; `cle_autorite` is the key its header names."""

    def __init__(self, chemin: Path, empreinte: str | None = None) -> None:
        """Read `chemin` (CredentialsRefusees if unreadable, altered, or with another
        fingerprint than `empreinte`, the one the portal's start checked)."""
        self.chemin = chemin
        while True:
            self._cle = secrets.token_bytes(16)
            if self._construire(empreinte):
                return  # else two addresses met on one digest (odds 1 in 10^7): redraw

    def _digest(self, email: str) -> int:
        empreinte = self._blake.copy()  # the keyed state copied: no key block per address
        empreinte.update(email.encode())
        return int.from_bytes(empreinte.digest(), "big")

    def _construire(self, empreinte: str | None) -> bool:
        self._blake = hashlib.blake2b(digest_size=8, key=self._cle)
        cles, points, groupes = array("Q"), bytearray(), array("H")
        ensembles: dict[tuple[str, ...] | None, int] = {}
        condensat = hashlib.sha256()
        decoder = json.JSONDecoder().decode
        try:
            with self.chemin.open("rb") as fichier:
                premiere = fichier.readline()
                entete = entete_credentials(premiere, self.chemin)
                condensat.update(premiere)
                precedente = b""
                for ligne in fichier:
                    if precedente:
                        condensat.update(precedente)
                        electeur, credential, *reste = decoder(precedente.decode())
                        cles.append(self._digest(electeur))
                        point = bytes.fromhex(credential)
                        if len(point) != _TAILLE_POINT:
                            raise ValueError(f"credential de {electeur} : 32 octets attendus")
                        points += point
                        scrutins = tuple(reste[0]) if reste else None
                        groupes.append(ensembles.setdefault(scrutins, len(ensembles)))
                    precedente = ligne
            fin = json.loads(precedente or b"null")
        except OSError as exc:
            raise CredentialsRefusees(f"{self.chemin} illisible : {exc.strerror}") from None
        except (ValueError, TypeError, IndexError, OverflowError) as exc:
            raise CredentialsRefusees(f"{self.chemin} : ligne illisible ({exc})") from None
        if not isinstance(fin, dict) or fin.get("empreinte") != condensat.hexdigest():
            raise CredentialsRefusees(f"{self.chemin} : empreinte finale fausse, fichier altéré")
        if empreinte is not None and condensat.hexdigest() != empreinte:
            raise CredentialsRefusees(
                f"{self.chemin} a changé depuis le démarrage du portail (empreinte "
                f"{condensat.hexdigest()} au lieu de {empreinte})"
            )
        cle = entete.get("autorite")
        self.cle_autorite = cle if isinstance(cle, str) else None
        self._ensembles = {i: None if s is None else frozenset(s) for s, i in ensembles.items()}
        return self._trier(cles, points, groupes)

    def _trier(self, cles: array[int], points: bytearray, groupes: array[int]) -> bool:
        """Sort by digest without a Python object per voter: a counting sort on the top
        16 bits (digests are uniform), then each small bucket sorted; False if two
        digests are equal."""
        n, seaux = len(cles), array("I", bytes(4 * (_SEAUX + 1)))
        for c in cles:
            seaux[(c >> 48) + 1] += 1
        for b in range(_SEAUX):
            seaux[b + 1] += seaux[b]
        places, ordre = array("I", seaux), array("I", bytes(4 * n))
        for i, c in enumerate(cles):
            ordre[places[c >> 48]] = i
            places[c >> 48] += 1
        for b in range(_SEAUX):
            if seaux[b + 1] - seaux[b] > 1:
                seau = sorted(ordre[seaux[b] : seaux[b + 1]], key=cles.__getitem__)
                ordre[seaux[b] : seaux[b + 1]] = array("I", seau)
        self._cles = array("Q", bytes(8 * n))
        self._groupes = array("H", bytes(2 * n))
        self._points = bytearray(_TAILLE_POINT * n)
        for j, i in enumerate(ordre):
            self._cles[j], self._groupes[j] = cles[i], groupes[i]
            self._points[j * _TAILLE_POINT : (j + 1) * _TAILLE_POINT] = points[
                i * _TAILLE_POINT : (i + 1) * _TAILLE_POINT
            ]
        return all(self._cles[j] != self._cles[j + 1] for j in range(n - 1))

    def __len__(self) -> int:
        """How many voters the file names."""
        return len(self._cles)

    def inscription(self, email: str) -> Inscription | None:
        """What the file gives the voter of this (normalised) address; None: nothing."""
        cle = self._digest(email)
        i = bisect_left(self._cles, cle)
        if i == len(self._cles) or self._cles[i] != cle:
            return None
        point = bytes(self._points[i * _TAILLE_POINT : (i + 1) * _TAILLE_POINT])
        return Inscription(point.hex(), self._ensembles[self._groupes[i]])
