"""The vote's service: one method per gesture of the voter between « JE VOTE » and the
last receipt, each reading once what it needs (the election's key, the voter, the voter's
émargements) and returning what the screen shows. Built once by `create_app`.

Every gesture checks the voting window against the portal's clock first: the closing
is enforced at the ballot's arrival, not only when the page was shown. The voter is
named by the id its session holds; a session that names no voter is refused with
`EtapeManquante`, which sends it back to the identification.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace

from nacl.public import PublicKey
from starlette.concurrency import run_in_threadpool

from fixtures.reference import listes_candidates
from simulator.clock import Clock
from simulator.errors import EtapeManquante
from simulator.settings import Settings
from simulator.storage import Database
from simulator.storage.electeurs import Electeur, electeur_par_id
from simulator.storage.election import lire_cle_publique
from simulator.storage.urne import scrutins_emarges
from simulator.vote import code_vote, urne
from simulator.vote.calendrier import FenetreVote
from simulator.vote.errors import (
    ElectionNonScellee,
    SansQuestionDefi,
    ScrutinDejaVote,
    ScrutinInconnu,
)


@dataclass(frozen=True)
class Scrutin:
    """One of the voter's scrutins, numbered as the screens number them, and whether the
    voter has already voted in it."""

    numero: int
    nom: str
    vote: bool


@dataclass(frozen=True)
class Bulletin:
    """A scrutin still to vote in, and its candidate lists in the order of the ballot."""

    scrutin: Scrutin
    listes: tuple[str, ...]


@dataclass(frozen=True)
class Recu:
    """What the « Accusé de réception » shows (never the list chosen), and how many of the
    voter's scrutins are left to vote in."""

    scrutin: Scrutin
    empreinte: str
    le: float
    restants: int


def _numerotes(electeur: Electeur, emarges: set[str]) -> list[Scrutin]:
    return [
        Scrutin(numero, nom, nom in emarges)
        for numero, nom in enumerate(electeur.scrutins, start=1)
    ]


def _a_voter(scrutins: list[Scrutin], numero: int) -> Scrutin:
    """The scrutin of that number, if the voter may still vote in it."""
    if not 1 <= numero <= len(scrutins):
        raise ScrutinInconnu()
    scrutin = scrutins[numero - 1]
    if scrutin.vote:
        raise ScrutinDejaVote(f"Vous avez déjà voté pour le scrutin « {scrutin.nom} ».")
    return scrutin


def listes_du_scrutin(nom: str) -> tuple[str, ...]:
    """The candidate lists of a scrutin, in the order of the ballot (none if unknown)."""
    try:
        return tuple(listes_candidates(nom))
    except KeyError:
        return ()


@dataclass(frozen=True)
class ServiceVote:
    """Open the vote with the code de vote, list the scrutins and their candidate lists,
    cast a ballot, reissue a code de vote, check a fingerprint after the count."""

    db: Database
    clock: Clock
    settings: Settings

    @property
    def fenetre(self) -> FenetreVote:
        """When ballots are accepted."""
        s = self.settings
        return FenetreVote(s.ouverture_vote, s.cloture_vote, s.delai_grace_vote_s)

    # What every gesture reads, once ------------------------------------------------------

    def _cle_si_ouvert(self, conn: sqlite3.Connection, connecte_a: float | None) -> PublicKey:
        """The election's key, if ballots are accepted now (with the 30-minute grace of a
        voter who was already logged in at the closing)."""
        cle = lire_cle_publique(conn)
        if cle is None:
            raise ElectionNonScellee()
        self.fenetre.exiger_ouvert(self.clock.now(), connecte_a)
        return PublicKey(cle)

    @staticmethod
    def _electeur(conn: sqlite3.Connection, electeur_id: object) -> Electeur:
        electeur = electeur_par_id(conn, electeur_id) if isinstance(electeur_id, int) else None
        if electeur is None:
            raise EtapeManquante()
        return electeur

    def _scrutins(self, conn: sqlite3.Connection, electeur: Electeur) -> list[Scrutin]:
        return _numerotes(electeur, scrutins_emarges(conn, electeur.id))

    # The gestures (WAL reads run on the loop; hashing and writes in the thread pool) ------

    def entrer(self, electeur_id: object, connecte_a: float | None) -> Electeur:
        """« JE VOTE » on the voter's space: the voter, if the vote is open to them."""
        conn = self.db.reader()
        self._cle_si_ouvert(conn, connecte_a)
        return self._electeur(conn, electeur_id)

    async def ouvrir(self, electeur: Electeur, code: str, client: str) -> None:
        """The code de vote typed by the voter `entrer` let in: accepted, or refused
        (maybe locked)."""
        await run_in_threadpool(
            code_vote.verifier_code_vote, self.db, self.clock, self.settings, electeur, code, client
        )

    def scrutins(self, electeur_id: object, connecte_a: float | None) -> list[Scrutin]:
        """The voter's scrutins, those already voted in marked."""
        conn = self.db.reader()
        self._cle_si_ouvert(conn, connecte_a)
        return self._scrutins(conn, self._electeur(conn, electeur_id))

    def bulletin(self, electeur_id: object, numero: int, connecte_a: float | None) -> Bulletin:
        """One scrutin still to vote in and its lists (ScrutinInconnu, ScrutinDejaVote)."""
        conn = self.db.reader()
        self._cle_si_ouvert(conn, connecte_a)
        scrutin = _a_voter(self._scrutins(conn, self._electeur(conn, electeur_id)), numero)
        return Bulletin(scrutin, listes_du_scrutin(scrutin.nom))

    async def voter(
        self, electeur_id: object, numero: int, liste: str, connecte_a: float | None
    ) -> Recu:
        """« JE VOTE » on the confirmation: the ballot sealed and dropped, the émargement
        signed, at once; a second vote in the same scrutin is refused by the database
        itself. One hop to the thread pool, one write transaction."""
        return await run_in_threadpool(self._voter, electeur_id, numero, liste, connecte_a)

    def _voter(
        self, electeur_id: object, numero: int, liste: str, connecte_a: float | None
    ) -> Recu:
        conn = self.db.reader()
        cle = self._cle_si_ouvert(conn, connecte_a)
        electeur = self._electeur(conn, electeur_id)
        scrutins = self._scrutins(conn, electeur)
        scrutin = _a_voter(scrutins, numero)
        empreinte = urne.sceller_et_deposer(self.db, cle, electeur, scrutin.nom, liste)
        restants = sum(1 for s in scrutins if not s.vote) - 1
        return Recu(replace(scrutin, vote=True), empreinte, self.clock.now(), restants)

    def scrutin_vote(self, electeur_id: object, numero: int) -> Scrutin | None:
        """The voter's scrutin of that number, if the voter has voted in it (the proof of
        vote is given for those only)."""
        conn = self.db.reader()
        scrutins = self._scrutins(conn, self._electeur(conn, electeur_id))
        trouve = scrutins[numero - 1] if 1 <= numero <= len(scrutins) else None
        return trouve if trouve is not None and trouve.vote else None

    def question_defi(self, electeur_id: object) -> str:
        """The question défi the réassort of the code de vote asks (SansQuestionDefi for a
        voter who entered without activation)."""
        electeur = self._electeur(self.db.reader(), electeur_id)
        if electeur.question is None or electeur.answer_hash is None:
            raise SansQuestionDefi()
        return electeur.question

    async def reassort_code(self, electeur_id: object, reponse: str, client: str) -> None:
        """A new code de vote by mail once the question défi is answered."""
        electeur = self._electeur(self.db.reader(), electeur_id)
        await run_in_threadpool(
            code_vote.reassort_code_vote,
            self.db,
            self.clock,
            self.settings,
            electeur,
            reponse,
            client,
        )

    def verifier_empreinte(self, empreinte: str) -> bool | None:
        """Whether a receipt's fingerprint was counted; None before the count."""
        return urne.empreinte_comptee(self.db, empreinte)
