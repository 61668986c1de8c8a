"""The SMTP sink: a real SMTP conversation in, the Mailpit-compatible API out."""

from __future__ import annotations

import re
import smtplib
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import httpx
import pytest

from harnais.courrier import Mailbox, MailboxTimeout
from simulator.mailsink import MailSink
from simulator.mailsink.api import page_des_mails
from simulator.mailsink.arrivals import MAX_WAIT_SECONDS
from simulator.mailsink.store import MessageStore, StoredMessage


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


def _visible(page: str) -> str:
    """The page's text as a reader sees it (tags dropped)."""
    return re.sub(r"<[^>]+>", "", page)


def test_web_page_gives_paris_time_and_the_api_keeps_utc(sink: MailSink) -> None:
    """The page says when each mail came in Paris time, the zone named, to the second;
    the API's `Created` stays UTC (Mailpit's format)."""
    _send(sink, "a.un@ac-lille.fr", "Sujet horodaté", "Corps")
    created = httpx.get(f"{sink.api_url}/api/v1/messages").json()["messages"][0]["Created"]
    assert created.endswith("Z")
    paris = datetime.fromisoformat(created).astimezone(ZoneInfo("Europe/Paris"))
    texte = _visible(httpx.get(f"{sink.api_url}/").text)
    assert f"reçu le {paris:%d/%m/%Y à %H:%M:%S} (heure de Paris)" in texte, texte
    assert "UTC" not in texte


@pytest.mark.parametrize(
    ("utc", "affiche"),
    [
        (datetime(2026, 12, 3, 9, 0, 5, tzinfo=UTC), "03/12/2026 à 10:00:05 (heure de Paris)"),
        (datetime(2026, 7, 14, 22, 30, tzinfo=UTC), "15/07/2026 à 00:30:00 (heure de Paris)"),
    ],
)
def test_web_page_follows_paris_winter_and_summer_time(utc: datetime, affiche: str) -> None:
    """UTC+1 in winter, UTC+2 in summer, the date following the hour past midnight."""
    message = StoredMessage.parse(b"To: a@ac-lille.fr\r\nSubject: s\r\n\r\nx\r\n", [])
    page = page_des_mails([replace(message, created=utc)])
    assert f"reçu le {affiche}" in _visible(page), page
    assert f'datetime="{utc.isoformat().replace("+00:00", "Z")}"' in page


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


# The longest wait the sink allows: an answer far before it shows that the wait ended
# on the mail, however slow the machine, without timing the sink against a stopwatch.
WAIT = MAX_WAIT_SECONDS


def _search(sink: MailSink, query: str, **params: str | float) -> httpx.Response:
    return httpx.get(f"{sink.api_url}/api/v1/search", params={"query": query, **params}, timeout=40)


def test_search_with_wait_answers_when_the_mail_arrives(sink: MailSink) -> None:
    """`wait=` holds an empty answer until a matching mail is caught, not a poll later."""
    later = threading.Timer(0.4, _send, (sink, "d.quatre@ac-lille.fr", "attendu", "x"))
    asked = time.monotonic()
    later.start()
    found = _search(sink, "to:d.quatre@ac-lille.fr", wait=WAIT)
    waited = time.monotonic() - asked
    later.join()
    assert [m["Subject"] for m in found.json()["messages"]] == ["attendu"]
    # Not before the mail, and far from the deadline: a poll-less wait that missed the
    # mail would answer only at the deadline, with the mail found by its last search.
    assert 0.4 <= waited < WAIT / 2, waited


def test_search_with_wait_ignores_mail_to_others_and_gives_up_empty(sink: MailSink) -> None:
    """A mail to someone else does not end the wait; past the wait the answer is empty."""
    later = threading.Timer(0.1, _send, (sink, "e.cinq@ac-lille.fr", "pas pour moi", "x"))
    asked = time.monotonic()
    later.start()
    found = _search(sink, "to:f.six@ac-lille.fr", wait=0.6)
    later.join()
    assert found.json()["messages"] == [] and found.json()["total"] == 1
    assert time.monotonic() - asked >= 0.6


def test_search_with_wait_sees_a_mail_held_by_the_chaos_delay_once_visible(
    sink: MailSink,
) -> None:
    """A delayed mail ends the wait when it shows in the box, not when SMTP took it."""
    sink.chaos.delay_seconds = 0.5
    asked = time.monotonic()
    _send(sink, "g.sept@ac-lille.fr", "en retard", "x")
    found = _search(sink, "to:g.sept@ac-lille.fr", wait=WAIT)
    assert [m["Subject"] for m in found.json()["messages"]] == ["en retard"]
    assert 0.5 <= time.monotonic() - asked < WAIT / 2


def test_search_wait_is_validated(sink: MailSink) -> None:
    """A wait that is not a number of seconds between 0 and 30 is refused with 400."""
    for bad in ("-1", "31", "bientôt"):
        response = _search(sink, "to:x@ac-lille.fr", wait=bad)
        assert response.status_code == 400 and "wait" in response.text


def test_store_count_leaves_out_held_messages() -> None:
    """The total reported with searches counts only the mails already visible."""
    maintenant = [1000.0]
    store = MessageStore(clock=lambda: maintenant[0])
    raw = b"To: a@ac-lille.fr\r\nSubject: s\r\n\r\nx\r\n"
    store.add(StoredMessage.parse(raw, []))
    store.add(StoredMessage.parse(raw, []), hold_seconds=0.3)
    assert store.count() == 1
    maintenant[0] += 0.29
    assert store.count() == 1
    maintenant[0] += 0.02
    assert store.count() == 2
    store.delete()
    assert store.count() == 0


def test_store_lookup_sees_a_held_mail_either_found_or_still_held_at_every_instant() -> None:
    """A clock stepping across the release never leaves a held mail in neither answer.

    Each read of this clock moves it on by 1 ms: read twice (once to search, once for the
    next release) a mail released in between would be neither found nor held, and a
    waiting search would sleep to its deadline (a failure seen in CI).
    """
    raw = b"To: h.huit@ac-lille.fr\r\nSubject: tard\r\n\r\nx\r\n"
    for query in ("to:h.huit@ac-lille.fr", "tard"):
        ticks = iter(range(1_000_000))
        store = MessageStore(clock=lambda ticks=ticks: next(ticks) / 1000)  # type: ignore[misc]
        store.add(StoredMessage.parse(raw, []), hold_seconds=0.02)
        answers = [store.lookup(query) for _ in range(40)]
        assert all(bool(a.found) != (a.next_release is not None) for a in answers), query
        assert answers[0].next_release is not None and answers[-1].found, query
