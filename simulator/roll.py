"""The voter-roll CSV format and its loading: one pass, one transaction, line-exact errors."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from simulator.console import Progress, no_progress
from simulator.credentials import DERIVED, SECRET_KEY, Credentials, derive_credentials
from simulator.errors import PortalError
from simulator.identity import QUESTIONS_DEFI, normalise_identifiant
from simulator.storage import SCRUTIN_SEPARATOR, Database, VoterRow, insert_voter_rows, set_meta

__all__ = [
    "COLUMNS",
    "DEFAULT_SECRET",
    "Credentials",
    "RollError",
    "derive_credentials",
    "load_roll",
    "read_roll",
]

COLUMNS: tuple[str, ...] = (
    "civilite",
    "nom",
    "prenom",
    "email",
    "academie",
    "corps",
    "scrutins",
    "etat",
)
STATES = ("nouveau", "actif")
DEFAULT_SECRET = "secret-de-demonstration"
MAX_BALLOTS = 7


class RollError(PortalError):
    """The roll file cannot be loaded; the message names the line and the fault."""


def count_rows(path: Path) -> int:
    """Data rows of a CSV file (lines minus the header), counted fast on raw bytes."""
    lines = 0
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                lines += chunk.count(b"\n")
    except OSError as exc:
        raise RollError(f"Impossible d'ouvrir la liste électorale {path} : {exc.strerror}") from exc
    return max(lines - 1, 0)


def read_roll(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) from a roll CSV, refusing any malformed row."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise RollError(f"Impossible d'ouvrir la liste électorale {path} : {exc.strerror}") from exc
    with handle:
        try:
            reader = csv.DictReader(handle)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
            if missing:
                raise RollError(f"{path}, ligne 1 : colonne(s) manquante(s) : {', '.join(missing)}")
            for row in reader:
                yield reader.line_num, _checked(path, reader.line_num, row)
        except UnicodeDecodeError as exc:
            raise RollError(
                f"{path} : le fichier n'est pas encodé en UTF-8 ({exc.reason})"
            ) from exc


def _checked(path: Path, line: int, row: dict[str, str]) -> dict[str, str]:
    def refuse(what: str) -> RollError:
        return RollError(f"{path}, ligne {line} : {what}")

    if None in row or any(row.get(c) is None for c in COLUMNS):
        raise refuse("nombre de champs différent de l'en-tête")
    if row["etat"] not in STATES:
        raise refuse(f"état « {row['etat']} » inconnu (attendu : {' ou '.join(STATES)})")
    email = row["email"].strip()
    if not email:
        raise refuse("adresse électronique vide")
    local, at, domain = email.partition("@")
    if not at or not local or "." not in domain:
        raise refuse(f"adresse électronique « {email} » mal formée")
    ballots = [s for s in row["scrutins"].split(SCRUTIN_SEPARATOR) if s]
    if not 1 <= len(ballots) <= MAX_BALLOTS:
        raise refuse(f"{len(ballots)} scrutin(s) : il en faut de 1 à {MAX_BALLOTS}")
    return row


def load_roll(db: Database, path: Path, secret: str, progress: Progress = no_progress) -> int:
    """Load a roll in one transaction: all its voters, or none if any line is refused.

    `actif` voters get the DERIVED marker instead of an Argon2 hash (see credentials.py).
    """
    total = count_rows(path)
    seen: dict[str, int] = {}
    step = max(total // 100, 1000)

    def rows() -> Iterator[VoterRow]:
        for line, row in read_roll(path):
            email = normalise_identifiant(row["email"])
            first = seen.setdefault(email, line)
            if first != line:
                raise RollError(
                    f"{path}, ligne {line} : adresse {email} déjà présente ligne {first}"
                )
            actif = row["etat"] == "actif"
            yield (
                email,
                row["civilite"],
                row["nom"],
                row["prenom"],
                row["academie"],
                row["corps"],
                row["scrutins"],
                DERIVED if actif else None,
                QUESTIONS_DEFI[0] if actif else None,
                DERIVED if actif else None,
            )
            if len(seen) % step == 0:
                progress(len(seen), total)

    with db.transaction() as conn:
        insert_voter_rows(conn, rows())
        set_meta(conn, SECRET_KEY, secret)
    progress(len(seen), max(total, len(seen)))
    return len(seen)
