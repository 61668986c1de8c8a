"""The credential authority's offline work: from the roll, its secret and the election's
public parameters, every voter's code de vote (the code of the notice, derived from the
roll's secret as the notices are) and its public credential g^x, written to the public
credentials file the portal loads (chiffrement/credentials_publiques.py).

The slow derivation (PBKDF2, the parameters' iteration count) dominates: it is spread over
worker processes, a batch of voters at a time, with progress. The codes themselves leave
this process only in the notices file, if one is asked for.
"""

from __future__ import annotations

import csv
import os
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from chiffrement.credential import credential_du_code
from chiffrement.credentials_publiques import ecrire_credentials
from chiffrement.parametres import Parametres
from chiffrement.signature_autorite import cle_publique
from fixtures.console import Progress, no_progress
from fixtures.identifiants import deriver_code_vote, normalise_identifiant
from fixtures.liste import SCRUTIN_SEPARATOR, compter_lignes, lire_liste
from simulator.asgi.signature import creer_cle, lire_cle

# Voters per task handed to a worker: big enough to cost nothing to hand out, small
# enough for the progress to move every second or so at the production cost.
PAR_LOT = 50
# The authority's signing key, beside its public credentials file unless told otherwise.
CLE_SIGNATURE = "signature.cle"


def cle_de_signature(chemin: Path) -> tuple[bytes, bool]:
    """The authority's signing key (its seed) from `chemin`, created there (mode 600) if
    missing; and whether it was created. CleRefusee on a file others can read."""
    creee = creer_cle(chemin)
    return lire_cle(chemin, "clé de signature de l'autorité"), creee


@dataclass(frozen=True)
class Generation:
    """What a generation produced: how many voters, the file's fingerprint, its time."""

    electeurs: int
    empreinte: str
    duree_s: float

    @property
    def par_seconde(self) -> float:
        """Voters derived per second."""
        return self.electeurs / self.duree_s if self.duree_s > 0 else 0.0


def electeurs_de_la_liste(liste: Path) -> Iterator[str]:
    """The roll's voters (normalised identifiants), in its order; ListeInvalide on a bad
    line."""
    for _ligne, champs in lire_liste(liste):
        yield normalise_identifiant(champs[3])


def scrutins_de_la_liste(liste: Path, parametres: Parametres) -> dict[str, list[str]]:
    """Each voter's scrutins as the roll gives them, by sealed id (a scrutin the
    parameters do not seal left out, as the portal leaves it out)."""
    return {
        normalise_identifiant(champs[3]): parametres.ids_des_scrutins(
            s for s in champs[6].split(SCRUTIN_SEPARATOR) if s
        )
        for _ligne, champs in lire_liste(liste)
    }


def _lot(
    emails: list[str], secret: str, election: str, iterations: int
) -> list[tuple[str, str, str]]:
    """(voter, code de vote, public credential) of a batch (in a worker process)."""
    sortie = []
    for email in emails:
        code = deriver_code_vote(email, secret)
        sortie.append((email, code, credential_du_code(code, election, email, iterations)))
    return sortie


def _lots(emails: list[str]) -> Iterator[list[str]]:
    for debut in range(0, len(emails), PAR_LOT):
        yield emails[debut : debut + PAR_LOT]


def processus_par_defaut() -> int:
    """One worker per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def deriver_tout(
    emails: list[str],
    secret: str,
    parametres: Parametres,
    processus: int,
    progression: Progress = no_progress,
) -> list[tuple[str, str, str]]:
    """Every voter's (identifiant, code, credential), over `processus` workers."""
    faits: list[tuple[str, str, str]] = []
    election, iterations = parametres.election, parametres.iterations
    if processus <= 1:
        for lot in _lots(emails):
            faits.extend(_lot(lot, secret, election, iterations))
            progression(len(faits), len(emails))
        return faits
    with ProcessPoolExecutor(max_workers=processus) as pool:
        futurs = [pool.submit(_lot, lot, secret, election, iterations) for lot in _lots(emails)]
        for futur in futurs:
            faits.extend(futur.result())
            progression(len(faits), len(emails))
    return faits


def ecrire_notices(chemin: Path, codes: list[tuple[str, str]]) -> None:
    """The notices' codes, `identifiant;code de vote` (mode 600, never over a file)."""
    chemin.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(chemin, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as sortie:
        ecrivain = csv.writer(sortie, delimiter=";")
        ecrivain.writerow(["identifiant", "code de vote"])
        ecrivain.writerows(codes)


def generer(
    liste: Path,
    secret: str,
    parametres: Parametres,
    sortie: Path,
    notices: Path | None = None,
    processus: int = 1,
    progression: Progress = no_progress,
    cle_signature: Path | None = None,
) -> Generation:
    """Derive every voter's credential and write the public credentials file (and the
    notices' codes if `notices`); refuse to overwrite either. The file names the public
    part of the authority's signing key `cle_signature` (created if missing; default
    `signature.cle` beside `sortie`), with which `servir` signs the credentials of its
    réassorts. ListeInvalide on a bad roll, CredentialsRefusees if `sortie` exists,
    FileExistsError if `notices` does, CleRefusee on a signing key others can read."""
    for chemin in (sortie, notices):
        if chemin is not None and chemin.exists():
            raise FileExistsError(f"{chemin} existe déjà : jamais écrasé")
    compter_lignes(liste)  # a missing roll is said before any work
    emails = list(electeurs_de_la_liste(liste))
    debut = time.monotonic()
    faits = deriver_tout(emails, secret, parametres, processus, progression)
    duree = time.monotonic() - debut
    graine, _creee = cle_de_signature(cle_signature or sortie.with_name(CLE_SIGNATURE))
    publique = cle_publique(graine)
    empreinte = ecrire_credentials(
        sortie,
        parametres,
        ((e, c) for e, _code, c in faits),
        cle_autorite=publique,
        scrutins=scrutins_de_la_liste(liste, parametres),
    )
    if notices is not None:
        ecrire_notices(notices, sorted((e, code) for e, code, _c in faits))
    return Generation(len(faits), empreinte, duree)
