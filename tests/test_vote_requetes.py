"""What casting a ballot costs the database: the statements of one « JE VOTE » on the
confirmation page, traced on every connection the portal opens while it answers."""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from fixtures.reference import listes_candidates
from harnais.courrier import Mailbox
from harnais.ecran import Ecran
from harnais.vote_chiffre import lire_page
from simulator.mailsink import MailSink
from simulator.storage import Database
from tests.conftest import Portail, csrf_of, page_text, portail_regle
from tests.test_vote_ecrans import CSA, PENDANT

LECTURE_META = re.compile(r"FROM roll_meta")
LECTURE_ELECTEUR = re.compile(r"FROM voters WHERE id = ")
LECTURE_EMARGEMENTS = re.compile(r"FROM emargement WHERE voter_id = ")


@contextmanager
def tracer(db: Database) -> Iterator[list[str]]:
    """Every statement the portal's database runs in the block, on fresh connections
    (each thread opens its own on first use, here with a trace callback)."""
    instructions: list[str] = []
    connecter = sqlite3.connect

    def connecter_trace(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn: sqlite3.Connection = connecter(*args, **kwargs)
        conn.set_trace_callback(instructions.append)
        return conn

    ancien = db._local  # the test swaps the per-thread connections
    db._local = threading.local()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sqlite3, "connect", connecter_trace)
        yield instructions
    db._local = ancien


@pytest.fixture
def scelle(tmp_path: Path, sink: MailSink, mailbox: Mailbox) -> Iterator[Portail]:
    """A sealed portal whose clock stands inside the 2026 vote; no outbox sender, whose
    polls would mingle with the statements traced."""
    with portail_regle(tmp_path, sink.smtp_port, outbox_enabled=False) as portail:
        portail.aller_a(PENDANT)
        yield portail


def test_casting_a_ballot_reads_the_voter_and_its_emargements_once(
    scelle: Portail,
) -> None:
    """« JE VOTE » reads no election meta (the parameters are in memory), the voter once,
    its émargements once, and writes box, émargement and board entry in one transaction
    beside the session's and the limit's."""
    electeur = scelle.creer_electeur("actif")
    assert scelle.login(electeur["email"], electeur["password"]).status_code == 200
    scelle.ouvrir_vote(electeur["code_vote"])
    liste = listes_candidates(CSA)[0]
    confirmation = scelle.choisir(1, liste)
    chemin = f"{scelle.voc.vote.chemin_scrutin}1/confirmation"
    page = lire_page(Ecran(200, "/", confirmation.text))
    assert page is not None
    bulletin = scelle.parcours.vote_chiffre.bulletin(page)
    donnees = {"csrf": csrf_of(confirmation.text), "bulletin": bulletin}
    db: Database = scelle.client.app.state.portal.db  # type: ignore[union-attr]
    with tracer(db) as instructions:
        accuse = scelle.client.post(chemin, data=donnees)
    assert "Accusé de réception" in page_text(accuse)
    requetes = [i for i in instructions if not i.startswith("PRAGMA")]
    compte = {
        "méta": sum(1 for i in requetes if LECTURE_META.search(i)),
        "électeur": sum(1 for i in requetes if LECTURE_ELECTEUR.search(i)),
        "émargements": sum(1 for i in requetes if LECTURE_EMARGEMENTS.search(i)),
        "transactions": sum(1 for i in requetes if i.startswith("BEGIN")),
        "urne": sum(1 for i in requetes if i.startswith("INSERT INTO urne")),
        "tableau": sum(1 for i in requetes if i.startswith("INSERT INTO tableau")),
    }
    attendu = {"méta": 0, "électeur": 1, "émargements": 1, "transactions": 3, "urne": 1}
    assert compte == {**attendu, "tableau": 1}
