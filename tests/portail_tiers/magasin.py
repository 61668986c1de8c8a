"""This portal's whole state, in memory: voters loaded from a roll, sessions, réassort
links and locks. One process, one event loop: no lock needed around it."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from fixtures.identifiants import deriver_identifiants, normalise_identifiant
from fixtures.liste import COLONNES, SCRUTIN_SEPARATOR, ListeInvalide, lire_liste
from tests.portail_tiers.regles import BLOCAGE_MINUTES, ESSAIS_AVANT_BLOCAGE, QUESTIONS


def empreinte(secret: str, sel: bytes) -> bytes:
    """The stored form of a password or an answer."""
    # A test portal: a cheap key derivation is enough, never a plain hash compare.
    return hashlib.pbkdf2_hmac("sha256", secret.encode(), sel, 1000)


def _reponse_normalisee(reponse: str) -> str:
    """Answers compare without case, accents or surrounding blanks."""
    decomposee = unicodedata.normalize("NFKD", reponse.strip().casefold())
    return "".join(c for c in decomposee if not unicodedata.combining(c))


@dataclass
class Electeur:
    """One voter of the roll and what the portal keeps of it."""

    email: str
    civilite: str
    nom: str
    prenom: str
    academie: str
    scrutins: list[str]
    sel: bytes = field(default_factory=lambda: secrets.token_bytes(16))
    mot_de_passe: bytes | None = None
    question: int | None = None
    reponse: bytes | None = None
    echecs: int = 0
    bloque_jusqua: float = 0.0

    def fixer_mot_de_passe(self, mot_de_passe: str | None) -> None:
        """Store a password (None: the voter has none and must go through the réassort)."""
        self.mot_de_passe = None if mot_de_passe is None else empreinte(mot_de_passe, self.sel)

    def verifier(self, mot_de_passe: str) -> bool:
        """Whether this is the voter's password."""
        return self.mot_de_passe is not None and hmac.compare_digest(
            self.mot_de_passe, empreinte(mot_de_passe, self.sel)
        )

    def fixer_defi(self, question: int, reponse: str) -> None:
        """Store the challenge question and the answer's digest."""
        self.question = question
        self.reponse = empreinte(_reponse_normalisee(reponse), self.sel)


@dataclass
class Lien:
    """A réassort link: whose, until when, and whether it served or was replaced."""

    email: str
    expire: float
    utilise: bool = False
    remplace: bool = False


@dataclass
class Session:
    """What one browser has done so far."""

    jeton: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    captcha: str = ""
    identifiant: str = ""
    reassort_de: str = ""
    lien: str = ""
    mot_de_passe_choisi: str = ""
    connecte: str = ""


class Magasin:
    """Voters, sessions, links; the clock is the wall clock (no hook moves it)."""

    def __init__(self, lien_minutes: float) -> None:
        self.electeurs: dict[str, Electeur] = {}
        self.sessions: dict[str, Session] = {}
        self.liens: dict[str, Lien] = {}
        self.lien_secondes = lien_minutes * 60
        # Locks are kept per identifiant typed, known or not: no account enumeration.
        self.echecs_inconnus: dict[str, tuple[int, float]] = {}

    def charger(self, liste: Path, secret: str) -> int:
        """Load a roll CSV; `actif` voters get the password and answer derived from the
        list's secret (fixtures/identifiants.py, the shared contract). Return how many
        it held; an address already loaded from another file is refused."""
        avant = len(self.electeurs)
        for numero, champs in lire_liste(liste):
            ligne = dict(zip(COLONNES, champs, strict=True))
            electeur = Electeur(
                email=normalise_identifiant(ligne["email"]),
                civilite=ligne["civilite"],
                nom=ligne["nom"],
                prenom=ligne["prenom"],
                academie=ligne["academie"],
                scrutins=ligne["scrutins"].split(SCRUTIN_SEPARATOR),
            )
            if electeur.email in self.electeurs:
                raise ListeInvalide(f"{liste}, ligne {numero} : {electeur.email} déjà chargée")
            if ligne["etat"] == "actif":
                derives = deriver_identifiants(electeur.email, secret)
                electeur.fixer_mot_de_passe(derives.password)
                electeur.fixer_defi(QUESTIONS.index(derives.question), derives.answer)
            self.electeurs[electeur.email] = electeur
        return len(self.electeurs) - avant

    def session(self, cle: str | None) -> tuple[str, Session]:
        """The session of this cookie, or a new one (with its new cookie value)."""
        if cle and cle in self.sessions:
            return cle, self.sessions[cle]
        cle = secrets.token_urlsafe(24)
        self.sessions[cle] = Session()
        return cle, self.sessions[cle]

    def renouveler(self, cle: str) -> str:
        """A new cookie value for the same session (on every change of privilege)."""
        session = self.sessions.pop(cle)
        nouvelle = secrets.token_urlsafe(24)
        self.sessions[nouvelle] = session
        return nouvelle

    def bloque(self, identifiant: str) -> bool:
        """Whether this identifiant is locked out now."""
        electeur = self.electeurs.get(identifiant)
        jusqua = (
            electeur.bloque_jusqua
            if electeur
            else self.echecs_inconnus.get(identifiant, (0, 0.0))[1]
        )
        return time.time() < jusqua

    def echec(self, identifiant: str) -> None:
        """Count a wrong password; the fifth in a row locks the identifiant."""
        electeur = self.electeurs.get(identifiant)
        echecs = electeur.echecs if electeur else self.echecs_inconnus.get(identifiant, (0, 0))[0]
        echecs += 1
        jusqua = 0.0
        if echecs >= ESSAIS_AVANT_BLOCAGE:
            echecs, jusqua = 0, time.time() + BLOCAGE_MINUTES * 60
        if electeur:
            electeur.echecs, electeur.bloque_jusqua = echecs, jusqua
        else:
            self.echecs_inconnus[identifiant] = (echecs, jusqua)

    def nouveau_lien(self, email: str) -> str:
        """A fresh link token for this voter; its earlier links are replaced."""
        for lien in self.liens.values():
            if lien.email == email and not lien.utilise:
                lien.remplace = True
        jeton = secrets.token_urlsafe(32)
        self.liens[jeton] = Lien(email, time.time() + self.lien_secondes)
        return jeton
