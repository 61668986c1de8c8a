"""The sink speaks Mailpit's contract on Mailpit's routes: chaos body and answer, message
fields. A harness written against it works against a real Mailpit, and back."""

from __future__ import annotations

import smtplib
from collections.abc import Iterator
from email.message import EmailMessage

import httpx
import pytest

from harnais.courrier import attentes
from simulator.mailsink import MailSink
from simulator.mailsink.arrivals import MAX_WAIT_SECONDS

# Every field of Mailpit's `Message` (GET /api/v1/message/{ID}).
CHAMPS_MESSAGE = {
    "ID", "MessageID", "From", "To", "Cc", "Bcc", "ReplyTo", "ReturnPath", "Subject",
    "ListUnsubscribe", "Date", "Tags", "Username", "Text", "HTML", "Size", "Inline",
    "Attachments",
}  # fmt: skip
ETEINT = {"ErrorCode": 451, "Probability": 0}


@pytest.fixture
def sink() -> Iterator[MailSink]:
    """A started sink on free ports."""
    started = MailSink().start()
    yield started
    started.stop()


@pytest.fixture
def api(sink: MailSink) -> Iterator[httpx.Client]:
    """A client of the sink's HTTP API."""
    with httpx.Client(base_url=sink.api_url, timeout=5) as client:
        yield client


def _envoyer(sink: MailSink, **entetes: str) -> None:
    message = EmailMessage()
    message["From"] = "ne-pas-repondre@elections.example"
    message["To"] = "a.dupont@ac-reims.fr"
    message["Subject"] = "Réassort"
    for nom, valeur in entetes.items():
        message[nom.replace("_", "-")] = valeur
    message.set_content("Bonjour")
    with smtplib.SMTP("127.0.0.1", sink.smtp_port, timeout=5) as smtp:
        smtp.send_message(message)


def test_a_mailpit_chaos_body_is_applied_and_answered_in_mailpit_shape(
    api: httpx.Client,
) -> None:
    """PUT takes Mailpit's body and answers with the whole configuration; GET says the same."""
    response = api.put("/api/v1/chaos", json={"Recipient": {"ErrorCode": 452, "Probability": 30}})
    assert response.status_code == 200, response.text
    attendu = {
        "Authentication": ETEINT,
        "Recipient": {"ErrorCode": 452, "Probability": 30},
        "Sender": ETEINT,
        "DelaySeconds": 0.0,
    }
    assert response.json() == attendu
    assert api.get("/api/v1/chaos").json() == attendu


def test_a_put_replaces_the_whole_configuration_as_mailpit_does(api: httpx.Client) -> None:
    """A trigger left out of a PUT is switched off; `{}` switches everything off."""
    api.put("/api/v1/chaos", json={"Sender": {"ErrorCode": 451, "Probability": 100}})
    api.put("/api/v1/chaos", json={"DelaySeconds": 2})
    assert api.get("/api/v1/chaos").json()["Sender"] == ETEINT
    assert api.put("/api/v1/chaos", json={}).json()["DelaySeconds"] == 0.0


@pytest.mark.parametrize(
    ("corps", "motif"),
    [
        ("{pas du json", "JSON invalide"),
        ('{"refuse_ratio": 0.5}', "refuse_ratio"),
        ('{"Recipient": {"ErrorCode": 451, "Probability": 101}}', "Probability"),
        ('{"Recipient": {"ErrorCode": 200, "Probability": 10}}', "ErrorCode"),
        ('{"Recipient": {"ErrorCode": 451, "Probability": "30"}}', "Probability"),
        ('{"Recipient": {"ErrorCode": 451}}', "Probability"),
        ('{"Sender": {"ErrorCode": 451, "Probability": 5, "Delay": 1}}', "Delay"),
        ('{"DelaySeconds": -1}', "DelaySeconds"),
        ("[1, 2]", "objet"),
    ],
)
def test_a_bad_chaos_body_gets_a_400_that_says_why_and_changes_nothing(
    api: httpx.Client, corps: str, motif: str
) -> None:
    """Bad JSON, unknown keys, out-of-range values: 400 with a message, nothing applied."""
    api.put("/api/v1/chaos", json={"Recipient": {"ErrorCode": 451, "Probability": 7}})
    response = api.put("/api/v1/chaos", content=corps.encode())
    assert response.status_code == 400
    assert motif in response.text
    assert api.get("/api/v1/chaos").json()["Recipient"]["Probability"] == 7


def test_the_sender_trigger_refuses_mail_from_in_a_real_smtp_conversation(
    sink: MailSink, api: httpx.Client
) -> None:
    """With `Sender` at 100 %, MAIL FROM gets the chosen code; switched off, mail goes through."""
    api.put("/api/v1/chaos", json={"Sender": {"ErrorCode": 550, "Probability": 100}})
    with pytest.raises(smtplib.SMTPSenderRefused) as refus:
        _envoyer(sink)
    assert refus.value.smtp_code == 550
    api.put("/api/v1/chaos", json={})
    _envoyer(sink)
    assert api.get("/api/v1/messages").json()["total"] == 1


def test_the_recipient_trigger_refuses_rcpt_to(sink: MailSink, api: httpx.Client) -> None:
    """With `Recipient` at 100 %, RCPT TO gets 451 and nothing is stored."""
    api.put("/api/v1/chaos", json={"Recipient": {"ErrorCode": 451, "Probability": 100}})
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        _envoyer(sink)
    assert api.get("/api/v1/messages").json()["total"] == 0


def test_message_detail_carries_every_mailpit_field(sink: MailSink, api: httpx.Client) -> None:
    """The detail has all of Mailpit's `Message` fields, List-Unsubscribe parsed."""
    _envoyer(
        sink,
        List_Unsubscribe="<mailto:desinscription@elections.example>, <https://e.example/d>",
        List_Unsubscribe_Post="List-Unsubscribe=One-Click",
    )
    detail = api.get("/api/v1/message/latest").json()
    assert set(detail) >= CHAMPS_MESSAGE
    assert detail["ListUnsubscribe"]["Links"] == [
        "mailto:desinscription@elections.example",
        "https://e.example/d",
    ]
    assert detail["ListUnsubscribe"]["HeaderPost"] == "List-Unsubscribe=One-Click"
    assert detail["Username"] == ""


def test_the_harness_and_the_sink_agree_on_the_longest_wait() -> None:
    """The harness's cap on `wait=` is the sink's (it cannot import the sink to share it),
    and the harness holds a search less long than that."""
    assert attentes.ATTENTE_TENUE_PUITS_S == MAX_WAIT_SECONDS
    assert attentes.ATTENTE_TENUE_MAX_S <= MAX_WAIT_SECONDS
