"""The SMTP sink: a real SMTP conversation in, the Mailpit-compatible API out."""

from __future__ import annotations

import smtplib
from collections.abc import Iterator
from email.message import EmailMessage

import httpx
import pytest

from simulator.mailsink import MailSink
from steps.mailbox import Mailbox, MailboxTimeout


@pytest.fixture
def sink() -> Iterator[MailSink]:
    """A started sink on free ports."""
    started = MailSink().start()
    yield started
    started.stop()


def _send(sink: MailSink, to: str, subject: str, text: str, html: str | None = None) -> None:
    message = EmailMessage()
    message["From"] = "Portail Élections <ne-pas-repondre@elections.example>"
    message["To"] = to
    message["Subject"] = subject
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    with smtplib.SMTP("127.0.0.1", sink.smtp_port, timeout=5) as smtp:
        smtp.send_message(message)


def test_mail_sent_over_smtp_is_read_back_through_the_api(sink: MailSink) -> None:
    """A UTF-8 mail with text and HTML parts comes back whole from /api/v1/message/{ID}."""
    _send(
        sink,
        "Zoé Lefèvre <zoe.lefevre@ac-reims.fr>",
        "Réassort de votre mot de passe",
        "Bonjour Zoé,\nvoici votre lien : http://127.0.0.1/reassort/abc\n",
        "<p>Bonjour Zoé</p>",
    )
    listing = httpx.get(f"{sink.api_url}/api/v1/messages").json()
    assert listing["total"] == 1 and listing["count"] == 1
    summary = listing["messages"][0]
    assert summary["To"] == [{"Name": "Zoé Lefèvre", "Address": "zoe.lefevre@ac-reims.fr"}]
    assert summary["Subject"] == "Réassort de votre mot de passe"
    detail = httpx.get(f"{sink.api_url}/api/v1/message/{summary['ID']}").json()
    assert "voici votre lien : http://127.0.0.1/reassort/abc" in detail["Text"]
    assert detail["HTML"].strip() == "<p>Bonjour Zoé</p>"


def test_search_by_recipient_and_latest(sink: MailSink) -> None:
    """`to:` search finds only that recipient's mails, newest first; `latest` is the newest."""
    _send(sink, "a.un@ac-lille.fr", "premier", "1")
    _send(sink, "b.deux@ac-lille.fr", "second", "2")
    _send(sink, "a.un@ac-lille.fr", "troisième", "3")
    found = httpx.get(f"{sink.api_url}/api/v1/search", params={"query": "to:a.un@ac-lille.fr"})
    assert [m["Subject"] for m in found.json()["messages"]] == ["troisième", "premier"]
    latest = httpx.get(f"{sink.api_url}/api/v1/message/latest").json()
    assert latest["Subject"] == "troisième"


def test_delete_all_and_livez(sink: MailSink) -> None:
    """DELETE /api/v1/messages empties the box; /livez answers ok."""
    _send(sink, "a.un@ac-lille.fr", "x", "x")
    assert httpx.delete(f"{sink.api_url}/api/v1/messages").status_code == 200
    assert httpx.get(f"{sink.api_url}/api/v1/messages").json()["total"] == 0
    assert httpx.get(f"{sink.api_url}/api/v1/message/latest").status_code == 404
    assert httpx.get(f"{sink.api_url}/livez").text == "ok"


def test_web_page_lists_the_mails(sink: MailSink) -> None:
    """A person can read the caught mails on the sink's web page."""
    _send(sink, "a.un@ac-lille.fr", "Sujet lisible", "Corps lisible")
    page = httpx.get(f"{sink.api_url}/").text
    assert "Sujet lisible" in page and "Corps lisible" in page


def test_mailbox_helper_waits_for_new_mail_and_extracts_links(sink: MailSink) -> None:
    """The tests' mailbox helper returns the newest mail and its links, or times out."""
    box = Mailbox(sink.api_url, timeout=1.0)
    with pytest.raises(MailboxTimeout):
        box.wait_for_mail("c.trois@ac-lille.fr")
    _send(sink, "c.trois@ac-lille.fr", "lien", "Cliquez : http://127.0.0.1:8000/r/xyz merci")
    mail = box.wait_for_mail("c.trois@ac-lille.fr")
    assert mail.links() == ["http://127.0.0.1:8000/r/xyz"]
    with pytest.raises(MailboxTimeout):
        box.wait_for_mail("c.trois@ac-lille.fr", newer_than=1)
    box.close()


def test_search_by_whole_address_is_exact(sink: MailSink) -> None:
    """`to:jean.dupont@…` does not find `marie-jean.dupont@…`; a partial term still does."""
    _send(sink, "marie-jean.dupont@ac-lille.fr", "autre", "x")
    _send(sink, "jean.dupont@ac-lille.fr", "le bon", "y")
    found = httpx.get(
        f"{sink.api_url}/api/v1/search", params={"query": "to:jean.dupont@ac-lille.fr"}
    )
    assert [m["Subject"] for m in found.json()["messages"]] == ["le bon"]
    partial = httpx.get(f"{sink.api_url}/api/v1/search", params={"query": "to:jean.dupont"})
    assert len(partial.json()["messages"]) == 2
    sink.store.delete([found.json()["messages"][0]["ID"]])
    again = httpx.get(
        f"{sink.api_url}/api/v1/search", params={"query": "to:jean.dupont@ac-lille.fr"}
    )
    assert again.json()["messages"] == []
