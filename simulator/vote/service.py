"""The vote's service: one method per gesture of the voter between « JE VOTE » and the
last receipt, each reading once what it needs (the election, the voter, the voter's
émargements) and returning what the screen shows. Built once by `create_app`.

Every gesture checks the voting window against the portal's clock first: the closing
is enforced at the ballot's arrival, not only when the page was shown. The voter is
named by the id its session holds; a session that names no voter is refused with
`EtapeManquante`, which sends it back to the identification. The choice never reaches
the service: the browser sends a ballot already encrypted (vote/urne.py).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from typing import Any

from starlette.concurrency import run_in_threadpool

from chiffrement.accuse import signer_accuse
from simulator.acces.comptes import exiger
from simulator.clock import Clock
from simulator.errors import EtapeManquante
from simulator.settings import PARIS, Settings
from simulator.storage import Database
from simulator.storage.electeurs import Electeur, electeur_par_id
from simulator.storage.election import lire_cle_autorite
from simulator.storage.urne import scrutins_emarges
from simulator.vote import code_vote, urne
from simulator.vote.autorite import demander_credential
from simulator.vote.calendrier import FenetreVote
from simulator.vote.credentials import remplacement
from simulator.vote.election import ElectionChiffree
from simulator.vote.errors import (
    AutoriteIndisponible,
    ElectionNonScellee,
    SansQuestionDefi,
    ScrutinDejaVote,
    ScrutinInconnu,
)
from simulator.vote.inscriptions import InscriptionsVouchees
from simulator.vote.possession import possession_correcte
from simulator.vote.tableau_public import au_tableau

log = logging.getLogger("simulator.vote")


@dataclass(frozen=True)
class Scrutin:
    """One of the voter's scrutins, numbered as the screens number them, and whether the
    voter has already voted in it."""

    numero: int
    nom: str
    vote: bool


@dataclass(frozen=True)
class Bulletin:
    """A scrutin still to vote in: its id in the parameters and its candidate lists."""

    scrutin: Scrutin
    ident: str
    listes: tuple[str, ...]
    electeur: str


@dataclass(frozen=True)
class Recu:
    """What the « Accusé de réception » shows (never the list chosen), and how many of the
    voter's scrutins are left to vote in."""

    scrutin: Scrutin
    ident: str
    empreinte: str
    hauteur: int
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


def horodatage(instant: float) -> str:
    """An instant in ISO 8601, Paris time (the proof of vote's)."""
    return datetime.fromtimestamp(instant, PARIS).isoformat(timespec="seconds")


@dataclass(frozen=True)
class ServiceVote:
    """Open the vote with the proof of the code de vote, list the scrutins and their
    candidate lists, take a ballot, sign its proof of vote, reissue a code de vote."""

    db: Database
    clock: Clock
    settings: Settings
    election: ElectionChiffree | None = None
    # The credentials the portal vouches for from the authority's file and the board
    # (None: a portal without --credentials, which trusts its database's).
    inscriptions: InscriptionsVouchees | None = None

    @property
    def fenetre(self) -> FenetreVote:
        """When ballots are accepted."""
        s = self.settings.election
        return FenetreVote(s.ouverture_vote, s.cloture_vote, s.delai_grace_vote_s)

    # What every gesture reads, once ------------------------------------------------------

    def _election_si_ouvert(self, connecte_a: float | None) -> ElectionChiffree:
        """The election, if ballots are accepted now (with the 30-minute grace of a voter
        who was already logged in at the closing)."""
        if self.election is None:
            raise ElectionNonScellee()
        self.fenetre.exiger_ouvert(self.clock.now(), connecte_a)
        return self.election

    def _electeur(self, conn: sqlite3.Connection, electeur_id: object) -> Electeur:
        """The voter of the session, with the credential the portal vouches for in place of
        the database's (vote/inscriptions.py): the code de vote, a ballot and a réassort
        are checked against that one."""
        electeur = electeur_par_id(conn, electeur_id) if isinstance(electeur_id, int) else None
        if electeur is None:
            raise EtapeManquante()
        return electeur if self.inscriptions is None else self.inscriptions.electeur(conn, electeur)

    def _scrutins(self, conn: sqlite3.Connection, electeur: Electeur) -> list[Scrutin]:
        return _numerotes(electeur, scrutins_emarges(conn, electeur.id))

    # The gestures (WAL reads run on the loop; proofs, hashing and writes in the pool) ----

    def entrer(self, electeur_id: object, connecte_a: float | None) -> Electeur:
        """« JE VOTE » on the voter's space: the voter, if the vote is open to them."""
        self._election_si_ouvert(connecte_a)
        return self._electeur(self.db.reader(), electeur_id)

    async def ouvrir(self, electeur: Electeur, defi: str | None, preuve: str, client: str) -> None:
        """The proof of the code de vote sent by the browser of the voter `entrer` let in:
        accepted, or refused as a wrong code (maybe locked)."""
        preuve = exiger(preuve, "Code de vote")
        election = self._election_si_ouvert(None)

        def correct() -> bool:
            return possession_correcte(election.parametres, electeur, defi, preuve)

        await run_in_threadpool(
            code_vote.verifier_code_vote,
            self.db,
            self.clock,
            self.settings,
            electeur,
            correct,
            client,
        )

    def scrutins(self, electeur_id: object, connecte_a: float | None) -> list[Scrutin]:
        """The voter's scrutins, those already voted in marked."""
        self._election_si_ouvert(connecte_a)
        conn = self.db.reader()
        return self._scrutins(conn, self._electeur(conn, electeur_id))

    def bulletin(self, electeur_id: object, numero: int, connecte_a: float | None) -> Bulletin:
        """One scrutin still to vote in and its lists, as the parameters seal them
        (ScrutinInconnu, ScrutinDejaVote)."""
        election = self._election_si_ouvert(connecte_a)
        conn = self.db.reader()
        electeur = self._electeur(conn, electeur_id)
        scrutin = _a_voter(self._scrutins(conn, electeur), numero)
        ident = election.id_du_scrutin(scrutin.nom)
        if ident is None:
            raise ScrutinInconnu("Ce scrutin n'a pas été scellé : aucun vote n'y est possible.")
        listes = election.parametres.scrutins[ident].listes
        return Bulletin(scrutin, ident, listes, electeur.email)

    async def voter(
        self, electeur_id: object, numero: int, bulletin: str, connecte_a: float | None
    ) -> Recu:
        """« JE VOTE » on the confirmation: the browser's ballot checked, then dropped,
        signed for and put on the board at once; a second vote in the same scrutin is
        refused by the database itself. One hop to the thread pool."""
        return await run_in_threadpool(self._voter, electeur_id, numero, bulletin, connecte_a)

    def _voter(
        self, electeur_id: object, numero: int, texte: str, connecte_a: float | None
    ) -> Recu:
        election = self._election_si_ouvert(connecte_a)
        conn = self.db.reader()
        electeur = self._electeur(conn, electeur_id)
        scrutins = self._scrutins(conn, electeur)
        scrutin = _a_voter(scrutins, numero)
        ident = election.id_du_scrutin(scrutin.nom)
        if ident is None:
            raise ScrutinInconnu("Ce scrutin n'a pas été scellé : aucun vote n'y est possible.")
        bulletin = urne.lire_bulletin(texte)
        verifie = urne.verifier(election.parametres, electeur, ident, bulletin)
        # Again in the write transaction: a réassort another process committed since.
        exiger = (
            (lambda conn: None)
            if self.inscriptions is None
            else partial(self.inscriptions.exiger, email=electeur.email, verifie=verifie)
        )
        depot = urne.deposer_bulletin(self.db, electeur, scrutin.nom, verifie, bulletin, exiger)
        restants = sum(1 for s in scrutins if not s.vote) - 1
        return Recu(
            replace(scrutin, vote=True),
            ident,
            depot.empreinte,
            depot.hauteur,
            self.clock.now(),
            restants,
        )

    def preuve_de_vote(
        self, ident: str, empreinte: str, hauteur: int, le: float
    ) -> dict[str, Any] | None:
        """The proof of vote of a ballot this session cast, signed with the portal's key
        (chiffrement/accuse.py): scrutin id, fingerprint, height on the board, time.
        None unless the board holds that very ballot of that scrutin at that height: the
        session row is in the database, and whoever may write it must not get the
        portal to sign a ballot it never took."""
        if self.election is None:
            raise ElectionNonScellee()
        election = self.election
        if not au_tableau(self.db.reader(), ident, empreinte, hauteur):
            return None
        return signer_accuse(
            election.secret_accuses,
            election.parametres.empreinte,
            ident,
            empreinte,
            hauteur,
            horodatage(le),
        )

    def question_defi(self, electeur_id: object) -> str:
        """The question défi the réassort of the code de vote asks (SansQuestionDefi for a
        voter who entered without activation)."""
        electeur = self._electeur(self.db.reader(), electeur_id)
        if electeur.question is None or electeur.answer_hash is None:
            raise SansQuestionDefi()
        return electeur.question

    async def reassort_code(self, electeur_id: object, reponse: str, client: str) -> None:
        """A new code de vote once the question défi is answered: the credential authority
        draws it and mails it; its public credential replaces the old one, on the public
        board too. AutoriteIndisponible if the authority cannot be asked."""
        electeur = self._electeur(self.db.reader(), electeur_id)
        if self.election is None:
            raise ElectionNonScellee()
        parametres = self.election.parametres

        def nouvelle_credential() -> Callable[[sqlite3.Connection], None]:
            cle = (
                lire_cle_autorite(self.db.reader())
                if self.inscriptions is None
                else self.inscriptions.cle_pour_reassort()
            )
            try:
                credential, signature = demander_credential(
                    self.settings, parametres, electeur, cle
                )
            except AutoriteIndisponible as exc:
                log.warning("réassort du code de vote impossible : %s", exc.detail)
                raise
            return remplacement(parametres, electeur, credential, signature)

        await run_in_threadpool(
            code_vote.reassort_code_vote,
            self.db,
            self.clock,
            self.settings,
            electeur,
            reponse,
            client,
            nouvelle_credential,
        )

    def verifier_empreinte(self, empreinte: str) -> urne.Verification:
        """Whether a receipt's fingerprint is on the board, and was counted."""
        return urne.verifier_empreinte(self.db, empreinte)
