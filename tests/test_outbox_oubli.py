"""Attack 4 of issue #21, the outbox's part: a réassort link's token and a reissued code
de vote must not stay readable in the database once their mail has gone; before that,
they must stay (nothing lost if the process dies: tests/test_crash.py)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from harnais.courrier import Mailbox
from simulator.acces import comptes
from simulator.clock import Clock
from simulator.courrier.outbox import OutboxSender
from simulator.mailsink import MailSink
from simulator.storage import Database
from simulator.storage.electeurs import electeur_par_email
from simulator.vote.code_vote import reassort_code_vote
from tests.conftest import Portail, make_settings


def _octets_apres_point_de_reprise(chemin: Path) -> bytes:
    """The database file as an administrator copies it once the WAL is folded back."""
    with sqlite3.connect(chemin) as brut:
        brut.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return chemin.read_bytes()


def _attendre_envoi(db: Database) -> sqlite3.Row:
    limite = time.monotonic() + 10
    while True:
        ligne = db.reader().execute("SELECT * FROM outbox ORDER BY id DESC").fetchone()
        if ligne is not None and ligne["sent_at"] is not None:
            return ligne  # type: ignore[no-any-return]
        assert time.monotonic() < limite, "mail jamais marqué envoyé"
        time.sleep(0.05)


def test_a_sent_reassort_link_leaves_no_token_in_the_database(
    portail: Portail, mailbox: Mailbox, db: Database
) -> None:
    """Once delivered, the outbox row keeps recipient, subject and times, not the link."""
    electeur = portail.creer_electeur("nouveau")
    portail.demander_reassort(electeur["email"])
    lien = mailbox.wait_for_mail(electeur["email"]).liens_reassort()[0]
    jeton = lien.split("jeton=")[1]
    ligne = _attendre_envoi(db)
    assert ligne["recipient"] == electeur["email"] and ligne["subject"]
    assert ligne["text_body"] == "" and ligne["html_body"] == ""
    assert jeton not in "\n".join(db.reader().iterdump())
    assert jeton.encode() not in _octets_apres_point_de_reprise(db.path)


def test_a_reissued_code_is_kept_until_sent_then_forgotten(
    tmp_path: Path, sink: MailSink, mailbox: Mailbox
) -> None:
    """Queued: the code is in the row (a crash loses nothing); sent: it is gone."""
    settings = make_settings(tmp_path, sink.smtp_port)
    db = Database(settings.db_path)
    cree = comptes.creer_electeur(db, "fast", state="actif")
    electeur = electeur_par_email(db.reader(), cree.email)
    assert electeur is not None and cree.answer is not None
    clock = Clock(db)
    reassort_code_vote(db, clock, settings, electeur, cree.answer)
    en_attente = db.reader().execute("SELECT text_body FROM outbox").fetchone()["text_body"]
    assert OutboxSender(db, clock, settings).deliver_due()
    code = mailbox.wait_for_mail(cree.email).code_vote()
    assert code is not None and code in en_attente
    ligne = db.reader().execute("SELECT * FROM outbox").fetchone()
    assert ligne["sent_at"] is not None and ligne["text_body"] == ""
    assert code not in "\n".join(db.reader().iterdump())
    assert code.encode() not in _octets_apres_point_de_reprise(db.path)
