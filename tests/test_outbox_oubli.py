"""Attack 4 of issue #21, the outbox's part: a réassort link's token must not stay
readable in the database once its mail has gone (before that, it must stay: nothing lost
if the process dies, tests/test_crash.py); a reissued code de vote never enters it at
all, since the credential authority mails it (simulator/autorite/)."""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime, timedelta
from pathlib import Path

from harnais.courrier import Mailbox
from simulator.autorite.essai import autorite_essai
from simulator.mailsink import MailSink
from simulator.settings import OUVERTURE_2026, PARIS
from simulator.storage import Database
from simulator.vote.scrutins_publics import sceller_essai
from tests.conftest import Portail, portail_regle


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


def test_a_reissued_code_never_enters_the_portal_database(
    tmp_path: Path, sink: MailSink, mailbox: Mailbox
) -> None:
    """The credential authority mails a réassort's new code itself: the portal's outbox
    never holds it, nor does any byte of its database, before or after a checkpoint."""
    publication, _ = sceller_essai(tmp_path)
    with (
        autorite_essai(publication, tmp_path / "autorite.cle", sink.smtp_port) as appel,
        portail_regle(tmp_path, sink.smtp_port, **appel) as portail,
    ):
        portail.aller_a(datetime.fromtimestamp(OUVERTURE_2026, PARIS) + timedelta(hours=1))
        electeur = portail.creer_electeur("actif")
        portail.login(electeur["email"], electeur["password"])
        portail._poster("/vote/code/reassort", {"reponse": electeur["answer"]})
        code = mailbox.wait_for_mail(electeur["email"]).code_vote()
        assert code is not None and code != electeur["code_vote"]
        db = Database(tmp_path / "portail.sqlite3")
        sujets = [r["subject"] for r in db.reader().execute("SELECT subject FROM outbox")]
        assert not any("code de vote" in s for s in sujets), sujets
        for forme in (code, code.replace("-", "")):
            assert forme not in "\n".join(db.reader().iterdump())
            assert forme.encode() not in _octets_apres_point_de_reprise(db.path)
