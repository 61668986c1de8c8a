"""The vote's domain service: one method per thing a voter does between « JE VOTE » and
the last receipt. Built once by `create_app`, beside `ServicePortail`.

Every gesture checks the voting window against the portal's clock first: the closing
is enforced at the ballot's arrival, not only when the page was shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool

from fixtures.reference import listes_candidates
from simulator.clock import Clock
from simulator.settings import Settings
from simulator.storage import Database
from simulator.storage.electeurs import Electeur
from simulator.storage.urne import scrutins_emarges
from simulator.vote import code_vote, urne


@dataclass(frozen=True)
class Scrutin:
    """One of the voter's scrutins, numbered as the screens number them, and whether the
    voter has already voted in it."""

    numero: int
    nom: str
    vote: bool


@dataclass(frozen=True)
class Recu:
    """What the « Accusé de réception » shows: never the list chosen."""

    scrutin: Scrutin
    empreinte: str
    le: float


@dataclass(frozen=True)
class ServiceVote:
    """Open the vote with the code de vote, list the scrutins and their candidate lists,
    drop a ballot, reissue a code de vote, check a fingerprint after the count."""

    db: Database
    clock: Clock
    settings: Settings

    def exiger_ouvert(self, connecte_a: float | None) -> None:
        """Refuse outside the voting window (with the 30-minute grace of a voter who was
        already logged in at the closing)."""
        if urne.cle_de_l_election(self.db) is None:
            raise urne.VoteRefuse("Le vote n'est pas ouvert : l'élection n'a pas été scellée.")
        self.settings.fenetre_vote.exiger_ouvert(self.clock.now(), connecte_a)

    async def ouvrir(
        self, electeur: Electeur, code: str, connecte_a: float | None, client: str
    ) -> None:
        """« JE VOTE » then the code de vote: accepted, or refused (maybe locked)."""
        self.exiger_ouvert(connecte_a)
        await run_in_threadpool(
            code_vote.verifier_code_vote, self.db, self.clock, self.settings, electeur, code, client
        )

    def scrutins(self, electeur: Electeur) -> list[Scrutin]:
        """The voter's scrutins, voted ones marked (a WAL read: on the loop)."""
        emarges = scrutins_emarges(self.db.reader(), electeur.id)
        return [
            Scrutin(numero, nom, nom in emarges)
            for numero, nom in enumerate(electeur.scrutins, start=1)
        ]

    def scrutin(self, electeur: Electeur, numero: int) -> Scrutin | None:
        """The voter's scrutin of that number, if there is one."""
        tous = self.scrutins(electeur)
        return tous[numero - 1] if 1 <= numero <= len(tous) else None

    @staticmethod
    def listes(scrutin: Scrutin) -> tuple[str, ...]:
        """The candidate lists of a scrutin, in the order of the ballot."""
        try:
            return tuple(listes_candidates(scrutin.nom))
        except KeyError:
            return ()

    async def voter(
        self, electeur: Electeur, scrutin: Scrutin, liste: str, connecte_a: float | None
    ) -> Recu:
        """« JE VOTE »: the ballot sealed and dropped, the émargement signed, at once; a
        second vote in the same scrutin is refused by the database itself."""
        self.exiger_ouvert(connecte_a)
        empreinte = await run_in_threadpool(
            urne.deposer_bulletin, self.db, electeur.id, scrutin.nom, liste
        )
        return Recu(Scrutin(scrutin.numero, scrutin.nom, True), empreinte, self.clock.now())

    async def reassort_code(self, electeur: Electeur, reponse: str, client: str) -> None:
        """A new code de vote by mail once the question défi is answered."""
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
