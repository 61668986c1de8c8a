"""The voter-roll CSV format and its loading: one pass, one transaction, line-exact errors."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from simulator.console import Progress, no_progress
from simulator.credentials import DERIVED, SECRET_KEY, Credentials, derive_credentials
from simulator.errors import PortalError
from simulator.identity import QUESTIONS_DEFI, normalise_identifiant
from simulator.storage import (
    SCRUTIN_SEPARATOR,
    Database,
    VoterRow,
    bulk_insert_voter_rows,
    set_meta,
)

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


def read_roll(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, fields in COLUMNS order) from a roll CSV, refusing any bad row."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise RollError(f"Impossible d'ouvrir la liste électorale {path} : {exc.strerror}") from exc
    with handle:
        try:
            reader = csv.reader(handle)
            header = next(reader, [])
            missing = [c for c in COLUMNS if c not in header]
            if missing:
                raise RollError(f"{path}, ligne 1 : colonne(s) manquante(s) : {', '.join(missing)}")
            width = len(header)
            # csv.reader and positional access: about twice as fast as DictReader here.
            order = [header.index(c) for c in COLUMNS]
            in_order = order == list(range(len(COLUMNS)))
            for row in reader:
                line = reader.line_num
                if len(row) != width:
                    raise RollError(
                        f"{path}, ligne {line} : nombre de champs différent de l'en-tête"
                    )
                fields = row[: len(COLUMNS)] if in_order else [row[i] for i in order]
                yield line, _checked(path, line, fields)
        except UnicodeDecodeError as exc:
            raise RollError(
                f"{path} : le fichier n'est pas encodé en UTF-8 ({exc.reason})"
            ) from exc


def _count_ballots(scrutins: str) -> int:
    if "||" in scrutins or scrutins.startswith("|") or scrutins.endswith("|") or not scrutins:
        return len([s for s in scrutins.split(SCRUTIN_SEPARATOR) if s])
    return scrutins.count(SCRUTIN_SEPARATOR) + 1


def _checked(path: Path, line: int, fields: list[str]) -> list[str]:
    _, _, _, email, _, _, scrutins, etat = fields
    problem = None
    if etat not in STATES:
        problem = f"état « {etat} » inconnu (attendu : {' ou '.join(STATES)})"
    elif not email.strip():
        problem = "adresse électronique vide"
    else:
        local, at, domain = email.strip().partition("@")
        if not at or not local or "." not in domain:
            problem = f"adresse électronique « {email.strip()} » mal formée"
        elif not 1 <= (n := _count_ballots(scrutins)) <= MAX_BALLOTS:
            problem = f"{n} scrutin(s) : il en faut de 1 à {MAX_BALLOTS}"
    if problem:
        raise RollError(f"{path}, ligne {line} : {problem}")
    return fields


def load_roll(db: Database, path: Path, secret: str, progress: Progress = no_progress) -> int:
    """Load a roll in one transaction: all its voters, or none if any line is refused.

    `actif` voters get the DERIVED marker instead of an Argon2 hash (see credentials.py).
    """
    total = count_rows(path)
    seen: dict[str, int] = {}
    step = max(total // 100, 1000)

    def rows() -> Iterator[VoterRow]:
        for line, (civilite, nom, prenom, raw_email, academie, corps, scrutins, etat) in read_roll(
            path
        ):
            email = normalise_identifiant(raw_email)
            first = seen.setdefault(email, line)
            if first != line:
                raise RollError(
                    f"{path}, ligne {line} : adresse {email} déjà présente ligne {first}"
                )
            actif = etat == "actif"
            yield (
                email,
                civilite,
                nom,
                prenom,
                academie,
                corps,
                scrutins,
                DERIVED if actif else None,
                QUESTIONS_DEFI[0] if actif else None,
                DERIVED if actif else None,
            )
            if len(seen) % step == 0 and len(seen) < total:  # 100 % is said once committed
                progress(len(seen), total)

    if db.count_voters():
        raise RollError(f"la base {db.path} contient déjà des électeurs : liste non chargée")
    # A rollback journal instead of WAL for this one big transaction: pages are written
    # once instead of twice (WAL, then checkpoint); the load stays all-or-nothing.
    with db.journal_mode("DELETE"), db.transaction() as conn:
        bulk_insert_voter_rows(conn, rows())
        set_meta(conn, SECRET_KEY, secret)
    progress(len(seen), max(total, len(seen)))
    return len(seen)
