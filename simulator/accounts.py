"""Domain rules of identification and login; no HTTP here."""

from __future__ import annotations

import hmac
import secrets
import unicodedata
from dataclasses import dataclass

from simulator.errors import CaptchaIncorrect, ChampObligatoire, ConnexionRefusee
from simulator.passwords import hash_password, verify_password
from simulator.settings import HashCost
from simulator.storage import Database, NewVoter, Voter

# Challenge questions offered in the "Défi" drop-down; the first is the guide's own.
QUESTIONS_DEFI: tuple[str, ...] = (
    "Quel était la race de votre premier animal favori ?",
    "Quel est le nom de la rue où vous avez grandi ?",
    "Quel est le prénom de votre meilleur(e) ami(e) d'enfance ?",
    "Quel était le nom de votre première école ?",
    "Dans quelle ville vos parents se sont-ils rencontrés ?",
    "Quel est le titre de votre livre préféré ?",
)


def normalise_identifiant(raw: str) -> str:
    """Addresses compare without surrounding blanks and without case."""
    return unicodedata.normalize("NFC", raw).strip().lower()


def normalise_answer(raw: str) -> str:
    """Challenge answers compare case- and accent-insensitively, blanks collapsed."""
    decomposed = unicodedata.normalize("NFKD", raw.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.split())


def require(value: str, label: str) -> str:
    """Return a stripped field value, or raise if it is empty."""
    value = value.strip()
    if not value:
        raise ChampObligatoire(label)
    return value


def check_captcha(expected: str | None, typed: str) -> None:
    """Compare the typed digits with the code shown; a missing code never matches."""
    typed = require(typed, "CAPTCHA")
    if expected is None or not hmac.compare_digest(expected, typed.replace(" ", "")):
        raise CaptchaIncorrect()


def authenticate(db: Database, cost: HashCost, email: str, password: str) -> Voter:
    """Return the active voter whose Élections password this is, or refuse."""
    password = require(password, "Mot de passe Elections")
    voter = db.voter_by_email(email)
    stored = voter.password_hash if voter is not None and voter.is_active else None
    if not verify_password(stored, password, cost) or voter is None:
        raise ConnexionRefusee()
    return voter


def generate_password() -> str:
    """A random password that satisfies the portal's policy (for test voters)."""
    return f"Ep-{secrets.token_urlsafe(12)}-7a"


@dataclass(frozen=True)
class CreatedVoter:
    """A voter created by the test hook, with the secrets it was given in clear."""

    email: str
    state: str
    password: str | None
    question: str | None
    answer: str | None


def create_voter(
    db: Database,
    cost: HashCost,
    *,
    state: str,
    email: str | None = None,
    password: str | None = None,
    question: str | None = None,
    answer: str | None = None,
    nom: str = "Martin",
    prenom: str = "Camille",
    academie: str = "Reims",
    scrutins: tuple[str, ...] = ("CAP académique", "CSA ministériel"),
) -> CreatedVoter:
    """Insert one voter, `nouveau` (no password yet) or `actif` (password and answer set)."""
    email = normalise_identifiant(email or f"electeur.{secrets.token_hex(6)}@ac-reims.fr")
    if state == "actif":
        password = password or generate_password()
        question = question or QUESTIONS_DEFI[0]
        answer = answer or "Labrador"
        record = NewVoter(
            email=email,
            civilite="Mme",
            nom=nom,
            prenom=prenom,
            academie=academie,
            scrutins=scrutins,
            password_hash=hash_password(password, cost),
            question=question,
            answer_hash=hash_password(normalise_answer(answer), cost),
        )
    else:
        password = question = answer = None
        record = NewVoter(
            email=email,
            civilite="Mme",
            nom=nom,
            prenom=prenom,
            academie=academie,
            scrutins=scrutins,
        )
    db.insert_voters([record])
    return CreatedVoter(
        email=email, state=state, password=password, question=question, answer=answer
    )
