"""Server-side sessions kept in SQLite, addressed by a random cookie token."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from typing import Any, TypeVar

from simulator.acces.service import Activation
from simulator.clock import Clock
from simulator.storage import Database
from simulator.storage.sessions import (
    delete_session,
    load_session,
    purge_sessions,
    replace_session,
    save_session,
)

COOKIE_NAME = "session_electeur"
T = TypeVar("T")

# Expired sessions are deleted at most this often (portal clock), by the request that
# saves a session then: one scan of the table a minute per worker, rather than an index
# on the expiry date that every session write would have to keep up to date.
PURGE_EVERY_SECONDS = 60.0


def _digest(token: str) -> str:
    # Only a hash of the token is stored: a leaked database does not leak sessions.
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class Session:
    """One browser's session: its token, its data and whether it must be written back.

    The data is read and written through the typed properties below, one per key: the
    screens never name a key, and a value of the wrong type reads as absent."""

    token: str
    data: dict[str, Any] = field(default_factory=dict)
    dirty: bool = False
    previous_token: str | None = None
    destroyed: bool = False
    stored: bool = True

    def _lire(self, cle: str, genre: type[T]) -> T | None:
        valeur = self.data.get(cle)
        return valeur if isinstance(valeur, genre) else None

    def _ecrire(self, cle: str, valeur: object) -> None:
        self.data[cle] = valeur
        self.dirty = True

    def _oublier(self, cle: str) -> None:
        if cle in self.data:
            del self.data[cle]
            self.dirty = True

    def replace(self, data: dict[str, Any]) -> None:
        """Swap all the data at once (e.g. on entering a new stage of the flow)."""
        self.data = dict(data)
        self.dirty = True

    def rotate(self) -> None:
        """Give the session a new token, at each change of privilege (fixation defence)."""
        if self.previous_token is None:
            self.previous_token = self.token
        self.token = secrets.token_urlsafe(32)
        self.dirty = True

    # Forms: the anti-forgery token, the CAPTCHA expected, a message for the next page --

    @property
    def csrf(self) -> str:
        """The anti-forgery token of the session's forms, created on first use."""
        jeton = self._lire("csrf", str)
        if jeton is None:
            jeton = secrets.token_urlsafe(24)
            self._ecrire("csrf", jeton)
        return jeton

    @property
    def csrf_attendu(self) -> str | None:
        """The token a posted form must carry (None: no form was ever shown)."""
        return self._lire("csrf", str)

    @property
    def captcha(self) -> str | None:
        """The CAPTCHA digits currently shown to this browser."""
        return self._lire("captcha", str)

    def montrer_captcha(self, code: str) -> int:
        """A new CAPTCHA is shown: keep its digits; return its version (the image's and
        the audio's address change with it, so no cache serves the previous one)."""
        self._ecrire("captcha", code)
        version = (self._lire("captcha_version", int) or 0) + 1
        self._ecrire("captcha_version", version)
        return version

    def prendre_captcha(self) -> str | None:
        """The CAPTCHA expected, forgotten at once: a code is tried at most once."""
        code = self.captcha
        self._oublier("captcha")
        return code

    def annoncer(self, message: str) -> None:
        """Leave a message for the next page shown."""
        self._ecrire("message", message)

    def message(self) -> str | None:
        """The message left for this page, if any (then forgotten)."""
        message = self._lire("message", str)
        if message:
            self._oublier("message")
        return message or None

    # The way in: identification, réassort, activation, the voter's space ----------------

    @property
    def identifiant(self) -> str | None:
        """The address identified (CAPTCHA passed), waiting for its password."""
        return self._lire("identifiant", str)

    @identifiant.setter
    def identifiant(self, email: str) -> None:
        self._ecrire("identifiant", email)

    @property
    def reassort_adresse(self) -> str | None:
        """The address a réassort was asked for (shown on the confirmation)."""
        return self._lire("reassort_adresse", str)

    @reassort_adresse.setter
    def reassort_adresse(self, email: str) -> None:
        self._ecrire("reassort_adresse", email)

    @property
    def lien_reassort_id(self) -> int | None:
        """The réassort link opened in this session, before its initialisation."""
        return self._lire("lien_reassort_id", int)

    def ouvrir_lien(self, lien_id: int) -> None:
        """A mailed link opened: the session holds it and nothing else."""
        self.replace({"lien_reassort_id": lien_id})

    def oublier_lien(self) -> None:
        """The link is no longer usable."""
        self._oublier("lien_reassort_id")

    @property
    def activation(self) -> Activation | None:
        """The new password waiting for the activation screen, if any."""
        valeur = self._lire("activation", dict)
        if valeur is None or not isinstance(valeur.get("electeur_id"), int):
            return None
        return Activation(int(valeur["electeur_id"]), str(valeur["password_hash"]))

    def attendre_activation(self, electeur_id: int, password_hash: str) -> None:
        """The password accepted at initialisation: a new token, and only that kept."""
        self.rotate()
        self.replace({"activation": {"electeur_id": electeur_id, "password_hash": password_hash}})

    @property
    def electeur_id(self) -> int | None:
        """The logged-in voter, if any."""
        return self._lire("electeur_id", int)

    @property
    def connecte_a(self) -> float | None:
        """When the voter logged in (a voter in at the closing keeps 30 minutes to vote)."""
        valeur = self.data.get("connecte_a")
        return float(valeur) if isinstance(valeur, int | float) else None

    def entrer(self, electeur_id: int, maintenant: float) -> None:
        """The voter is in: a new token, and the time of entry, which gives a voter
        already in at the closing the 30-minute grace (R.211-563)."""
        self.rotate()
        self.replace({"electeur_id": electeur_id, "connecte_a": maintenant})

    # The vote ---------------------------------------------------------------------------

    @property
    def code_vote_accepte(self) -> bool:
        """Whether the logged-in voter's code de vote was accepted in this session."""
        electeur = self.electeur_id
        return electeur is not None and self._lire("code_vote_accepte", int) == electeur

    def accepter_code_vote(self) -> None:
        """The code de vote was accepted: asked no more in this session."""
        self._ecrire("code_vote_accepte", self.electeur_id)

    @property
    def defi_possession(self) -> str | None:
        """The challenge the code de vote screen showed, for the browser's proof."""
        return self._lire("defi_possession", str)

    @defi_possession.setter
    def defi_possession(self, defi: str) -> None:
        self._ecrire("defi_possession", defi)

    def prendre_defi(self) -> str | None:
        """The challenge expected, forgotten at once: a proof answers it once only."""
        defi = self.defi_possession
        self._oublier("defi_possession")
        return defi

    @property
    def dernier_accuse(self) -> dict[str, Any] | None:
        """The last receipt of this session (scrutin number and id, fingerprint, height,
        time): the one ballot whose proof of vote it may download. Never a choice."""
        return self._lire("dernier_accuse", dict)

    def garder_accuse(
        self, numero: int, ident: str, empreinte: str, hauteur: int, le: float
    ) -> None:
        """Keep the receipt just shown, replacing the previous one."""
        accuse = {"numero": numero, "ident": ident, "empreinte": empreinte, "hauteur": hauteur}
        self._ecrire("dernier_accuse", {**accuse, "le": le})


class SessionStore:
    """Loads and saves sessions; lifetime counted on the portal's clock."""

    def __init__(self, db: Database, clock: Clock, lifetime_seconds: int) -> None:
        self._db = db
        self._clock = clock
        self._lifetime = lifetime_seconds
        self._next_purge = 0.0

    def load(self, token: str | None) -> Session:
        """Return the session behind a cookie token, or a new empty one."""
        if token:
            data = load_session(self._db.reader(), _digest(token), self._clock.now())
            if data is not None:
                return Session(token=token, data=data)
        # Not dirty: an anonymous visit that stores nothing costs no database write.
        return Session(token=secrets.token_urlsafe(32), stored=False)

    def save(self, session: Session) -> None:
        """Persist a session (and drop its old token if it was rotated); now and then,
        delete the expired ones, which nobody can load any more."""
        now = self._clock.now()
        if now >= self._next_purge:
            self._next_purge = now + PURGE_EVERY_SECONDS
            with self._db.transaction() as conn:
                purge_sessions(conn, now)
        expires_at = now + self._lifetime
        if session.previous_token is not None:
            with self._db.transaction() as conn:
                replace_session(
                    conn,
                    _digest(session.previous_token),
                    _digest(session.token),
                    session.data,
                    expires_at,
                )
            session.previous_token = None
        else:
            with self._db.transaction() as conn:
                save_session(conn, _digest(session.token), session.data, expires_at)
        session.dirty = False
        session.stored = True

    def destroy(self, session: Session) -> None:
        """Forget a session entirely (logout); its cookie is then cleared."""
        with self._db.transaction() as conn:
            delete_session(conn, _digest(session.token))
        session.data = {}
        session.destroyed = True
