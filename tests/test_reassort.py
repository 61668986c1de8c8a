"""Réassort: confirmation, the mail, and the rules of single-use expiring links."""

from __future__ import annotations

import re
from email import message_from_bytes
from pathlib import Path

from starlette.testclient import TestClient

from harnais.courrier import Mailbox
from simulator.mailsink import MailSink
from simulator.storage import Database
from tests.conftest import Portail, page_text, portail_regle

CONFIRMATION = "Un mail vient de vous être envoyé avec un lien"


def _audit_events(db: Database) -> list[str]:
    return [r["event"] for r in db.reader().execute("SELECT event FROM audit_log ORDER BY id")]


def _lien_reassort(portail: Portail, mailbox: Mailbox, email: str, newer_than: int = 0) -> str:
    response = portail.demander_reassort(email)
    assert CONFIRMATION in response.text
    mail = mailbox.wait_for_mail(email, newer_than=newer_than)
    links = mail.liens_reassort()
    assert len(links) == 1, mail.text
    return links[0]


def test_confirmation_screen_invites_to_open_the_mailbox(portail: Portail) -> None:
    """The guide's confirmation texts, with the address the mail goes to."""
    electeur = portail.creer_electeur("nouveau")
    response = portail.demander_reassort(electeur["email"])
    assert response.url.path == "/reassort/envoye"
    assert CONFIRMATION in response.text
    assert "Vous êtes invité à fermer cette fenêtre" in response.text
    assert electeur["email"] in response.text


def test_reset_mail_is_french_utf8_with_text_and_html(portail: Portail, mailbox: Mailbox) -> None:
    """The mail: French subject, UTF-8 text and HTML parts, one link in each."""
    electeur = portail.creer_electeur("nouveau")
    link = _lien_reassort(portail, mailbox, electeur["email"])
    mail = mailbox.wait_for_mail(electeur["email"])
    assert "réassort" in mail.subject
    assert "Bonjour" in mail.text and "expire dans 30 minutes" in mail.text
    assert link.replace("&", "&amp;") in mail.html or link in mail.html
    parsed = message_from_bytes(mailbox.raw(mail.id))
    charsets = {part.get_content_charset() for part in parsed.walk() if not part.is_multipart()}
    types = {part.get_content_type() for part in parsed.walk() if not part.is_multipart()}
    assert charsets == {"utf-8"} and types == {"text/plain", "text/html"}


def test_link_leads_to_initialisation_without_token_in_url(
    portail: Portail, mailbox: Mailbox
) -> None:
    """Following the link lands on a clean /initialisation URL with a new session."""
    electeur = portail.creer_electeur("nouveau")
    link = _lien_reassort(portail, mailbox, electeur["email"])
    before = portail.client.cookies.get("session_electeur")
    page = portail.ouvrir_lien(link)
    assert page.url.path == "/initialisation" and not page.url.query
    assert "Initialisation du mot de passe Élections" in page.text
    assert portail.client.cookies.get("session_electeur") != before


def test_unknown_address_gets_same_answer_and_no_mail(
    portail: Portail, db: Database, mailbox: Mailbox
) -> None:
    """No enumeration: same status and confirmation; nothing queued, nothing sent."""
    known = portail.creer_electeur("nouveau")
    answer_known = portail.demander_reassort(known["email"])
    portail.client.cookies.clear()
    answer_unknown = portail.demander_reassort("personne.inconnue@ac-reims.fr")
    assert answer_known.status_code == answer_unknown.status_code == 200
    strip = re.compile(r'value="[^"]*"|<strong>[^<]*</strong>')
    assert strip.sub("", answer_known.text) == strip.sub("", answer_unknown.text)
    recipients = [r["recipient"] for r in db.reader().execute("SELECT recipient FROM outbox")]
    assert recipients == [known["email"]]
    assert mailbox.messages_to("personne.inconnue@ac-reims.fr") == []


def test_link_is_single_use(portail: Portail, mailbox: Mailbox, db: Database) -> None:
    """Once a password was set through it, the link is refused with a way to ask again."""
    electeur = portail.creer_electeur("nouveau")
    link = _lien_reassort(portail, mailbox, electeur["email"])
    portail.ouvrir_lien(link)
    assert portail.set_password("Nouveau-mot-2-passe").url.path == "/activation"
    again = portail.ouvrir_lien(link)
    assert again.status_code == 410
    assert "déjà été utilisé" in again.text
    assert 'href="/reassort"' in again.text
    assert "lien_utilise" in _audit_events(db)


def test_link_expires_on_the_portal_clock(portail: Portail, mailbox: Mailbox, db: Database) -> None:
    """30 minutes later (test clock), the link is refused as expired."""
    electeur = portail.creer_electeur("nouveau")
    link = _lien_reassort(portail, mailbox, electeur["email"])
    portail.crochets.avancer_horloge(30 * 60 + 1)
    response = portail.ouvrir_lien(link)
    assert response.status_code == 410
    assert "a expiré" in response.text
    assert "lien_expire" in _audit_events(db)


def test_link_expiring_while_typing_is_refused_at_submit(
    tmp_path: Path, sink: MailSink, mailbox: Mailbox
) -> None:
    """A link valid when opened but expired when the password is sent is refused then."""
    with portail_regle(tmp_path, sink.smtp_port, duree_lien_reassort_s=600) as portail:
        electeur = portail.creer_electeur("nouveau")
        portail.ouvrir_lien(_lien_reassort(portail, mailbox, electeur["email"]))
        portail.crochets.avancer_horloge(11 * 60)
        response = portail.set_password("Nouveau-mot-2-passe")
    assert response.status_code == 410 and "a expiré" in response.text


def test_newer_link_replaces_older(portail: Portail, mailbox: Mailbox) -> None:
    """Asking twice: the first link is refused as replaced, the second works."""
    electeur = portail.creer_electeur("nouveau")
    first = _lien_reassort(portail, mailbox, electeur["email"])
    second = _lien_reassort(portail, mailbox, electeur["email"], newer_than=1)
    assert first != second
    refused = portail.ouvrir_lien(first)
    assert refused.status_code == 410 and "remplacé par un lien plus récent" in refused.text
    assert portail.ouvrir_lien(second).url.path == "/initialisation"


def test_unknown_token_is_refused(client: TestClient) -> None:
    """A made-up token: 404 with a French message and the way to ask for a new link."""
    response = client.get("/reassort/lien?jeton=nimporte-quoi")
    assert response.status_code == 404
    assert "n'est pas valide" in page_text(response) and 'href="/reassort"' in response.text


def test_tokens_are_stored_hashed_only(portail: Portail, mailbox: Mailbox, db: Database) -> None:
    """The token in the mail appears nowhere in the database."""
    electeur = portail.creer_electeur("nouveau")
    link = _lien_reassort(portail, mailbox, electeur["email"])
    token = link.split("jeton=")[1]
    stored = [r[0] for r in db.reader().execute("SELECT token_hash FROM reset_links")]
    assert stored and token not in stored
    dump = "\n".join(db.reader().iterdump())
    assert token not in dump.replace(link, "")


def test_reassort_form_for_a_visitor_without_session(portail: Portail, mailbox: Mailbox) -> None:
    """/reassort asks for the identifiant and a CAPTCHA, then confirms and mails."""
    electeur = portail.creer_electeur("nouveau")
    page = portail.client.get("/reassort")
    assert "Identifiant" in page.text and "CAPTCHA" in page.text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    wrong = portail.client.post(
        "/reassort", data={"csrf": csrf, "identifiant": electeur["email"], "captcha": "x"}
    )
    assert wrong.status_code == 400 and "CAPTCHA" in wrong.text
    response = portail.client.post(
        "/reassort",
        data={"csrf": csrf, "identifiant": electeur["email"], "captcha": portail.captcha()},
    )
    assert CONFIRMATION in response.text
    assert mailbox.wait_for_mail(electeur["email"]).links()
