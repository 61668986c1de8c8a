"""The voter-roll CSV format, credential derivation for `actif` voters, and loading."""

from __future__ import annotations

import csv
import hashlib
import hmac
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from simulator.accounts import QUESTIONS_DEFI, normalise_answer, normalise_identifiant
from simulator.errors import PortalError
from simulator.passwords import hash_password
from simulator.settings import HashCost
from simulator.storage import SCRUTIN_SEPARATOR, Database, NewVoter

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


class RollError(PortalError):
    """The roll file cannot be loaded; the message names the line and the fault."""


@dataclass(frozen=True)
class Credentials:
    """The Élections password and challenge of an `actif` voter, derived, never stored."""

    password: str
    question: str
    answer: str


def derive_credentials(email: str, secret: str) -> Credentials:
    """Derive an `actif` voter's secrets from its address and a roll secret (HMAC-SHA256)."""
    digest = hmac.new(secret.encode(), normalise_identifiant(email).encode(), hashlib.sha256)
    token = digest.hexdigest()
    # A fixed frame guarantees every policy class: upper, lower, digit, special.
    return Credentials(
        password=f"Ep-{token[:16]}-7A",
        question=QUESTIONS_DEFI[0],
        answer=f"reponse-{token[16:24]}",
    )


def read_roll(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) from a roll CSV, refusing a missing column or bad state."""
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
                line = reader.line_num
                if row.get("etat") not in STATES:
                    raise RollError(
                        f"{path}, ligne {line} : état « {row.get('etat')} » inconnu "
                        f"(attendu : {' ou '.join(STATES)})"
                    )
                if not (row.get("email") or "").strip():
                    raise RollError(f"{path}, ligne {line} : adresse électronique vide")
                yield line, row
        except UnicodeDecodeError as exc:
            raise RollError(
                f"{path} : le fichier n'est pas encodé en UTF-8 ({exc.reason})"
            ) from exc


def load_roll(db: Database, path: Path, secret: str, cost: HashCost) -> int:
    """Load a roll into an empty voters table in one transaction; return the count."""
    voters: list[NewVoter] = []
    seen: dict[str, int] = {}
    for line, row in read_roll(path):
        email = normalise_identifiant(row["email"])
        if email in seen:
            raise RollError(
                f"{path}, ligne {line} : adresse {email} déjà présente ligne {seen[email]}"
            )
        seen[email] = line
        password_hash = answer_hash = question = None
        if row["etat"] == "actif":
            creds = derive_credentials(email, secret)
            password_hash = hash_password(creds.password, cost)
            answer_hash = hash_password(normalise_answer(creds.answer), cost)
            question = creds.question
        voters.append(
            NewVoter(
                email=email,
                civilite=row["civilite"],
                nom=row["nom"],
                prenom=row["prenom"],
                academie=row["academie"],
                corps=row["corps"],
                scrutins=tuple(s for s in row["scrutins"].split(SCRUTIN_SEPARATOR) if s),
                password_hash=password_hash,
                question=question,
                answer_hash=answer_hash,
            )
        )
    return db.insert_voters(voters)
