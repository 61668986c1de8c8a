"""The audit log while voting (issue #21, attack 2). What forensics needs stays: each wrong
code de vote, each lock, each réassort, naming the voter. What would link voters to
ballots goes: a right code and a ballot write no event, so that the log holds no list of
named voters in the order they voted, to set beside the public board's order of ballots."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from fixtures.reference import listes_candidates
from harnais.courrier import Mailbox
from simulator.mailsink import MailSink
from tests.conftest import Portail, page_text, portail_regle
from tests.test_vote_ecrans import CSA, PENDANT


@pytest.fixture
def scelle(tmp_path: Path, sink: MailSink, mailbox: Mailbox) -> Iterator[Portail]:
    """A sealed portal whose clock stands inside the 2026 vote."""
    with portail_regle(tmp_path, sink.smtp_port) as portail:
        portail.aller_a(PENDANT)
        yield portail


def _journal(tmp_path: Path) -> list[tuple[str, str | None]]:
    """The audit log as an administrator reads it: (event, identifier) in order."""
    with sqlite3.connect(tmp_path / "portail.sqlite3") as conn:
        rows = conn.execute("SELECT event, identifier FROM audit_log ORDER BY id").fetchall()
    return [(str(e), i) for e, i in rows]


def test_a_right_code_and_a_ballot_leave_nothing_in_the_audit_log(
    scelle: Portail, tmp_path: Path
) -> None:
    """Three voters vote one after the other: the log grows by their logins only, never
    between the code typed and the receipt, and never names a voter in voting order."""
    for rang in range(3):
        electeur = scelle.creer_electeur("actif")
        assert scelle.login(electeur["email"], electeur["password"]).status_code == 200
        avant = _journal(tmp_path)
        assert "Mes scrutins" in page_text(scelle.ouvrir_vote(electeur["code_vote"]))
        accuse = scelle.voter(1, listes_candidates(CSA)[rang])
        assert "Accusé de réception" in page_text(accuse)
        assert _journal(tmp_path) == avant, f"voter {rang}: {_journal(tmp_path)[len(avant) :]}"
    assert not [e for e, _ in _journal(tmp_path) if e.startswith("code_vote")]


def test_wrong_codes_and_the_lock_are_still_recorded_with_the_voter(
    scelle: Portail, tmp_path: Path
) -> None:
    """Four wrong codes, then the fifth locks: five events naming the voter, for forensics."""
    electeur = scelle.creer_electeur("actif")
    assert scelle.login(electeur["email"], electeur["password"]).status_code == 200
    for _ in range(5):
        scelle.ouvrir_vote("AAAA-AAAA-AAAA")
    evenements = [(e, i) for e, i in _journal(tmp_path) if e.startswith("code_vote")]
    email = electeur["email"].lower()
    assert evenements == [("code_vote_refuse", email)] * 4 + [("code_vote_bloque", email)]
