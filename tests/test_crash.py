"""Crash safety: every process of the portal killed (SIGKILL) while voters activate their
accounts and while réassort mails wait on a sink that refuses them; the portal restarted
on the same database keeps every promise it made before the kill.

The sink runs in this test's process, so that it outlives the portal
(`--smtp-externe`); the portal runs on two worker processes, as in production.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from fixtures.generateur import OptionsListe, ecrire_fichier_liste
from fixtures.liste import lire_liste
from harnais.courrier import Mailbox
from simulator.clock import Clock
from simulator.commandes.process import PortalProcess
from simulator.courrier.outbox import LEASE_SECONDS
from simulator.mailsink import MailSink
from simulator.storage import Database
from tests.conftest import Portail

ACTIVATIONS = 24
DEMANDES = 40
MOT_DE_PASSE = "Survit-au-Kill-2026!"


@dataclass
class Promesses:
    """What the portal acknowledged to a client before it was killed."""

    activations: list[str] = field(default_factory=list)
    demandes: list[str] = field(default_factory=list)
    verrou: threading.Lock = field(default_factory=threading.Lock)


def _portail(db: Path, sink: MailSink) -> PortalProcess:
    return PortalProcess(
        "--db", str(db), "--hash-cost", "fast", "--test-hooks", "--workers", "2",
        "--smtp-externe", f"127.0.0.1:{sink.smtp_port}",
        "--limite-formulaires", "0", "--limite-captcha", "0", "--limite-mots-de-passe", "0",
    )  # fmt: skip


def _client(url: str) -> Portail:
    return Portail(httpx.Client(base_url=url, follow_redirects=True, timeout=10.0))


def _activer(url: str, lien: str, email: str, promesses: Promesses, depart: float) -> None:
    """Follow the link, choose the password, activate; noted once the voter space shows."""
    time.sleep(depart)
    try:
        voter = _client(url)
        parts = urlsplit(lien)
        voter.client.get(f"{parts.path}?{parts.query}")
        voter.set_password(MOT_DE_PASSE)
        reponse = voter.activer("Labrador")
        if reponse.url.path == "/espace":
            with promesses.verrou:
                promesses.activations.append(email)
    except (httpx.HTTPError, AssertionError):
        pass  # cut by the kill: nothing was promised


def _demander(url: str, email: str, promesses: Promesses, depart: float) -> None:
    """Ask for a réassort; noted once « Un mail vient de vous être envoyé » shows."""
    time.sleep(depart)
    try:
        reponse = _client(url).demander_reassort(email)
        if "Un mail vient de vous" in reponse.text:
            with promesses.verrou:
                promesses.demandes.append(email)
    except (httpx.HTTPError, AssertionError):
        pass


@pytest.mark.lent
def test_a_killed_portal_keeps_every_acknowledged_activation_and_mail(tmp_path: Path) -> None:
    """SIGKILL mid-flight, restart: acknowledged activations log in, acknowledged réassort
    mails arrive once each (none twice), and SQLite finds the file intact."""
    roll = tmp_path / "liste.csv"
    ecrire_fichier_liste(OptionsListe(count=ACTIVATIONS + DEMANDES, seed=13, actif_share=0.0), roll)
    emails = [fields[3] for _, fields in lire_liste(roll)]
    a_activer, a_demander = emails[:ACTIVATIONS], emails[ACTIVATIONS:]
    db = tmp_path / "portail.sqlite3"
    sink = MailSink().start()
    boite = Mailbox(sink.api_url, timeout=30.0)
    promesses = Promesses()
    try:
        premier = _portail(db, sink)
        premier.args += ["--voters", str(roll)]
        with premier:
            # The links of the voters who will activate, delivered while the sink accepts.
            for email in a_activer:
                _client(premier.url).demander_reassort(email)
            liens = {e: boite.wait_for_mail(e).liens_reassort()[0] for e in a_activer}
            # From now on every mail is refused (451): the réassort requests pile up.
            sink.chaos.configure({"Recipient": {"ErrorCode": 451, "Probability": 100}})
            # Arrivals spread over a second, so that the kill finds some of each in flight.
            fils = [
                threading.Thread(
                    target=_activer, args=(premier.url, liens[e], e, promesses, i / ACTIVATIONS)
                )
                for i, e in enumerate(a_activer)
            ] + [
                threading.Thread(target=_demander, args=(premier.url, e, promesses, i / DEMANDES))
                for i, e in enumerate(a_demander)
            ]
            for fil in fils:
                fil.start()
            # Kill once part of the work is acknowledged, the rest still in flight.
            limite = time.monotonic() + 30
            while time.monotonic() < limite:
                with promesses.verrou:
                    actives, demandes = len(promesses.activations), len(promesses.demandes)
                if actives >= ACTIVATIONS // 3 and demandes >= DEMANDES // 3:
                    break
                time.sleep(0.005)
            premier.tuer()
            for fil in fils:
                fil.join(15)
        assert promesses.activations and promesses.demandes, "rien n'était acquis au kill"
        assert len(promesses.activations) < ACTIVATIONS, "aucune activation coupée en vol"
        assert len(promesses.demandes) < DEMANDES, "aucune demande coupée en vol"
        # The restart comes one lease later on the portal's clock (a file beside the
        # database, moved here as the clock hook moves it): what the killed sender had
        # claimed is free again at once, rather than after a minute of real time. The
        # lease itself is still what frees those mails: a claim never released, or
        # released early enough to be sent twice, still fails below.
        base = Database(db)
        Clock(base).advance(LEASE_SECONDS)
        base.close()
        sink.chaos.configure({})
        with _portail(db, sink) as second:
            for email in promesses.activations:
                reponse = _client(second.url).login(email, MOT_DE_PASSE)
                assert reponse.url.path == "/espace", email
            # Leases and backoffs (at most 60 s) are past on the portal's clock: each
            # mail is due at once, and comes within the senders' polls.
            debut = time.monotonic()
            for email in promesses.demandes:
                mail = boite.wait_for_mail(email, timeout=60)
                assert mail.liens_reassort(), email
            attente = time.monotonic() - debut
            time.sleep(2)  # time for a mail sent twice to show up twice
            for email in promesses.demandes:
                assert len(boite.messages_to(email)) == 1, email
            identifiants = Counter(m["MessageID"] for m in boite.all_messages(limit=10_000))
            assert not [i for i, n in identifiants.items() if n > 1]
        verdict = sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0]
        assert verdict == "ok"
        print(
            f"\nkill : {len(promesses.activations)}/{ACTIVATIONS} activations et "
            f"{len(promesses.demandes)}/{DEMANDES} demandes de réassort acquises avant le "
            f"kill ; tous les mails arrivés {attente:.0f} s après le redémarrage"
        )
    finally:
        boite.close()
        sink.stop()
