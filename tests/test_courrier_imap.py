"""The harness's mail client over IMAP, against a real Dovecot the tests start: a
réassort mail the reference portal really sent, delivered into the mailbox, read back
with its link; later mails awaited; recipients told apart exactly; bad addresses,
passwords and certificates refused in French; one scenario of the guide run in Chromium
with its mail read over IMAP only."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

from harnais.courrier import (
    AdresseImapInvalide,
    BoiteMail,
    CourrierIndisponible,
    Mailbox,
    MailboxTimeout,
    TransportImap,
)
from load.lancement import locust_command, locust_env
from tests.conftest import Portail
from tests.dovecot import MOT_DE_PASSE, ServeurImap, serveur_imap
from tests.test_recette import CODE, ROOT, SECRET, _portail_de_recette


@pytest.fixture(scope="module")
def dovecot() -> Iterator[ServeurImap]:
    """One Dovecot for this module's tests."""
    with serveur_imap() as serveur:
        yield serveur


@pytest.fixture
def boite(dovecot: ServeurImap, monkeypatch: pytest.MonkeyPatch) -> Iterator[BoiteMail]:
    """The harness's client on the Dovecot mailbox, its certificate trusted by file and
    its password from the environment, as a recette would give them."""
    monkeypatch.setenv("MAIL_IMAP_CA", str(dovecot.ca))
    monkeypatch.setenv("MAIL_IMAP_MOT_DE_PASSE", MOT_DE_PASSE)
    client = BoiteMail(TransportImap(dovecot.url()), timeout=5.0)
    yield client
    client.close()


def _mail(destinataire: str, texte: str) -> bytes:
    message = EmailMessage()
    message["From"] = "ne-pas-repondre@elections.example"
    message["To"] = destinataire
    message["Subject"] = "Essai"
    message.set_content(texte)
    return message.as_bytes()


def test_a_reassort_link_the_portal_sent_is_read_from_imap(
    portail: Portail, mailbox: Mailbox, dovecot: ServeurImap, boite: BoiteMail
) -> None:
    """The portal's réassort mail, caught by the sink and delivered into the IMAP box as
    a mail server would, yields its one link, which opens the initialisation page."""
    electeur = portail.creer_electeur("nouveau")
    portail.demander_reassort(electeur["email"])
    envoye = mailbox.wait_for_mail(electeur["email"])
    dovecot.deposer(mailbox.raw(envoye.id))
    lu = boite.wait_for_mail(electeur["email"])
    assert lu.subject == envoye.subject and lu.liens_reassort() == envoye.liens_reassort()
    page = portail.ouvrir_lien(lu.liens_reassort()[0])
    assert page.url.path == "/initialisation"


def test_a_later_mail_is_awaited_and_an_absent_one_times_out(
    dovecot: ServeurImap, boite: BoiteMail
) -> None:
    """With one mail already there, the client waits for the second, delivered while it
    waits; a third that never comes ends the wait with MailboxTimeout."""
    adresse = "attente.imap@ac-reims.fr"
    dovecot.deposer(_mail(adresse, "premier http://p.example/1"))
    livraison = threading.Timer(0.5, dovecot.deposer, [_mail(adresse, "second")])
    livraison.start()
    debut = time.monotonic()
    second = boite.wait_for_mail(adresse, newer_than=1)
    assert second.text.strip() == "second" and time.monotonic() - debut >= 0.5
    with pytest.raises(MailboxTimeout, match="2 mail"):
        boite.wait_for_mail(adresse, newer_than=2, timeout=0.5)


def test_mails_are_told_apart_by_their_exact_recipient(
    dovecot: ServeurImap, boite: BoiteMail
) -> None:
    """IMAP's TO search matches a part of the address: the client keeps the exact one."""
    dovecot.deposer(_mail("marie-jean.dupont@ac-reims.fr", "pas pour Jean"))
    assert boite.messages_to("jean.dupont@ac-reims.fr") == []
    assert boite.count("marie-jean.dupont@ac-reims.fr") == 1


def test_plain_imap_is_read_on_the_loopback(
    dovecot: ServeurImap, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`imap://` works against 127.0.0.1 (a local relay), with the same password."""
    monkeypatch.setenv("MAIL_IMAP_MOT_DE_PASSE", MOT_DE_PASSE)
    dovecot.deposer(_mail("clair.imap@ac-reims.fr", "en clair"))
    client = BoiteMail(TransportImap(dovecot.url(chiffre=False)))
    assert client.count("clair.imap@ac-reims.fr") == 1
    client.close()


@pytest.mark.parametrize(
    ("url", "motif"),
    [
        ("https://u@h/INBOX", "imaps://UTILISATEUR@HÔTE"),
        ("imaps://u:secret@h/INBOX", "MAIL_IMAP_MOT_DE_PASSE"),
        ("imaps://h/INBOX", "il manque l'utilisateur"),
        ("imap://u@imap.example.org/INBOX", "en clair refusé"),
        ("imaps://u@h:99999/INBOX", "port invalide"),
    ],
)
def test_a_bad_mailbox_address_is_refused_in_french(url: str, motif: str) -> None:
    """What cannot work, or would leak the password, is refused before any connection."""
    with pytest.raises(AdresseImapInvalide, match=motif):
        TransportImap(url, "x")


def test_a_missing_password_names_its_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    """No password in the environment: the error says which variable to set."""
    monkeypatch.delenv("MAIL_IMAP_MOT_DE_PASSE", raising=False)
    with pytest.raises(AdresseImapInvalide, match="exportez MAIL_IMAP_MOT_DE_PASSE"):
        TransportImap("imaps://u@127.0.0.1/INBOX")


def test_a_wrong_password_and_an_unknown_certificate_are_refused(
    dovecot: ServeurImap, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refused login, and a server whose certificate nobody vouched for, are errors
    that say so, never an empty mailbox."""
    monkeypatch.setenv("MAIL_IMAP_CA", str(dovecot.ca))
    with pytest.raises(CourrierIndisponible, match="connexion de recette refusée"):
        TransportImap(dovecot.url(), "pas-le-bon").chercher("a@ac-reims.fr", 0)
    monkeypatch.delenv("MAIL_IMAP_CA")
    with pytest.raises(CourrierIndisponible, match="CERTIFICATE_VERIFY_FAILED"):
        TransportImap(dovecot.url(), MOT_DE_PASSE).chercher("a@ac-reims.fr", 0)


class _Relais:
    """What a recette's mail server does: every mail the portal sends lands in the IMAP
    mailbox (here: caught by the reference sink, then appended to Dovecot)."""

    def __init__(self, puits: Mailbox, dovecot: ServeurImap) -> None:
        self._puits, self._dovecot = puits, dovecot
        self._fin = threading.Event()
        self._vus: set[str] = set()
        self._fil = threading.Thread(target=self._relayer, daemon=True)

    def _relayer(self) -> None:
        while not self._fin.wait(0.1):
            for resume in self._puits.all_messages():
                if resume["ID"] not in self._vus:
                    self._vus.add(resume["ID"])
                    self._dovecot.deposer(self._puits.raw(resume["ID"]))

    def __enter__(self) -> _Relais:
        self._fil.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._fin.set()
        self._fil.join(5)


@pytest.mark.navigateur
def test_a_reassort_scenario_reads_its_mail_over_imap(tmp_path: Path, dovecot: ServeurImap) -> None:
    """The guide's réassort scenario, in Chromium, against a recette portal, its mail
    read from the IMAP mailbox only (`--mail-imap`, no Mailpit API given)."""
    with _portail_de_recette(tmp_path, "nouveau") as (portail, liste):
        puits = Mailbox(portail.mail_api_url)
        with _Relais(puits, dovecot):
            resultat = subprocess.run(
                [
                    sys.executable, "-m", "pytest", "features", "-p", "no:cacheprovider",
                    "-p", "no:xdist", "--portail-url", portail.url,
                    "--mail-imap", dovecot.url(), "--captcha-code", CODE,
                    "--liste", str(liste), "--secret-liste", SECRET,
                    "-k", "mail_de_réassort_arrive_avec_un_lien",
                ],
                cwd=ROOT, capture_output=True, text=True, timeout=300,
                env={**os.environ, "MAIL_IMAP_MOT_DE_PASSE": MOT_DE_PASSE,
                     "MAIL_IMAP_CA": str(dovecot.ca)},
            )  # fmt: skip
        puits.close()
    assert resultat.returncode == 0, resultat.stdout[-4000:]
    assert "1 exécutés (1 réussis, 0 en échec)" in resultat.stdout


@pytest.mark.charge
def test_a_locust_persona_reads_its_mail_over_imap(tmp_path: Path, dovecot: ServeurImap) -> None:
    """First connections in a real Locust process (gevent), their réassort mail read from
    the IMAP mailbox (`--mail-imap`): the mail delay is measured, no journey fails."""
    with _portail_de_recette(tmp_path, *["nouveau"] * 30) as (portail, liste):
        puits = Mailbox(portail.mail_api_url)
        with _Relais(puits, dovecot):
            resultat = subprocess.run(
                locust_command(
                    "parcours", portail.url, "http://127.0.0.1:9",
                    "--mail-imap", dovecot.url(), "--captcha-code", CODE,
                    "--users", "2", "--spawn-rate", "2", "--parcours-s", "2",
                    "--run-time", "15s", "--slo-p95-ms", "5000",
                    "--csv", str(tmp_path / "r"), "PremiereConnexion",
                    liste=liste, secret=SECRET,
                ),
                cwd=ROOT, capture_output=True, text=True, timeout=120,
                env={**locust_env(), "MAIL_IMAP_MOT_DE_PASSE": MOT_DE_PASSE,
                     "MAIL_IMAP_CA": str(dovecot.ca)},
            )  # fmt: skip
        puits.close()
    assert resultat.returncode == 0, resultat.stdout[-3000:] + resultat.stderr[-3000:]
    with (tmp_path / "r_stats.csv").open(encoding="utf-8") as fichier:
        stats = {ligne["Name"]: ligne for ligne in csv.DictReader(fichier)}
    assert "délai du mail de réassort" in stats, resultat.stdout[-3000:] + resultat.stderr[-3000:]
    assert int(stats["délai du mail de réassort"]["Request Count"]) > 0
    assert int(stats["parcours: PremiereConnexion"]["Request Count"]) > 0
    assert int(stats["Aggregated"]["Failure Count"]) == 0
