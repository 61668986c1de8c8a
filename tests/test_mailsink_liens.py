"""The sink's page makes the http(s) URLs of a mail's text links, and nothing else markup:
anyone can send SMTP to the sink, so the text is treated as hostile."""

from __future__ import annotations

import smtplib
from collections.abc import Iterator
from email.message import EmailMessage
from html.parser import HTMLParser

import httpx
import pytest
from playwright.sync_api import Browser, Dialog

from simulator.mailsink import MailSink
from simulator.mailsink.liens import texte_avec_liens


@pytest.fixture
def sink() -> Iterator[MailSink]:
    """A started sink on free ports."""
    started = MailSink().start()
    yield started
    started.stop()


def _send(sink: MailSink, text: str) -> None:
    message = EmailMessage()
    message["From"] = "inconnu@ailleurs.example"
    message["To"] = "cible@ac-lille.fr"
    message["Subject"] = "Mail hostile"
    message.set_content(text)
    with smtplib.SMTP("127.0.0.1", sink.smtp_port, timeout=5) as smtp:
        smtp.send_message(message)


class _CorpsDesMails(HTMLParser):
    """What the page's `<pre>` blocks hold, as a browser parses them: their elements with
    their attributes, and their text with entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.dans_pre = False
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.texte = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "pre":
            self.dans_pre = True
        elif self.dans_pre:
            self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self.dans_pre = False

    def handle_data(self, data: str) -> None:
        if self.dans_pre:
            self.texte += data


def _lu(page: str) -> _CorpsDesMails:
    lecteur = _CorpsDesMails()
    lecteur.feed(page)
    lecteur.close()
    return lecteur


REASSORT = "http://127.0.0.1:8000/reassort/lien?jeton=abc_DEF-123&retour=%2Fespace"
HOSTILE = (
    "<script>alert(1)</script>\n"
    '"><img src=x onerror=alert(2)>\n'
    "javascript:alert(3) et JAVASCRIPT:http://piege.example/ aussi\n"
    "data:text/html,<b>gras</b> ftp://fichiers.example/ www.ailleurs.example a@b.fr\n"
    f"Votre lien : {REASSORT}.\n"
    'Piège : https://piege.example/"onmouseover="alert(4)\n'
    "Et https://piege.example/a<b>c</b> puis &lt;i&gt; et &amp;\n"
)


def test_a_hostile_mail_gets_only_its_http_links_as_markup(sink: MailSink) -> None:
    """Scripts, tags, quotes and other schemes stay text; the http(s) URLs, cut before a
    quote or a tag, are the only elements, their text the URL, the page's text the mail's."""
    _send(sink, HOSTILE)
    page = httpx.get(f"{sink.api_url}/").text
    lu = _lu(page)
    assert lu.elements == [
        ("a", {"href": url, "rel": "noreferrer"})
        for url in (
            "http://piege.example/",
            REASSORT,
            "https://piege.example/",
            "https://piege.example/a",
        )
    ], page
    # SMTP carries CRLF line ends, which a browser reads as LF.
    assert lu.texte.replace("\r\n", "\n").rstrip("\n") == HOSTILE.rstrip("\n")
    # The query's & is written as an entity inside the attribute.
    assert f'href="{REASSORT.replace("&", "&amp;")}"' in page


@pytest.mark.parametrize(
    ("texte", "liens"),
    [
        ("Cliquez : http://a.example/x.", ["http://a.example/x"]),
        ("(voir http://a.example/x), puis", ["http://a.example/x"]),
        ("« http://a.example/x »", ["http://a.example/x"]),
        ("«\u202fhttp://a.example/x\u202f»", ["http://a.example/x"]),
        ("«http://a.example/x»", ["http://a.example/x"]),
        ("http://a.example/Jeton_(essai), fin", ["http://a.example/Jeton_(essai)"]),
        ("[https://a.example/x]; et ?", ["https://a.example/x"]),
        (
            "deux : http://a.example/1 https://b.example/2!",
            ["http://a.example/1", "https://b.example/2"],
        ),
        ("http://a.example:8025/?q=1&r=2#s", ["http://a.example:8025/?q=1&r=2#s"]),
        ("http:// seul, https://. rien", []),
        ("xhttp://a.example/ git+https://a.example/ mailto:a@b.fr", []),
        ("javascript:alert(1) vbscript:x file:///etc/passwd", []),
    ],
)
def test_links_stop_before_the_sentence_punctuation(texte: str, liens: list[str]) -> None:
    """Full stop, comma, closing bracket and French quotes end the sentence, not the URL;
    a bracket the URL opened stays in it; other schemes are never linked."""
    lu = _lu(f"<pre>{texte_avec_liens(texte)}</pre>")
    assert [attributs["href"] for _, attributs in lu.elements] == liens
    assert lu.texte == texte


def test_the_page_forbids_scripts_and_the_api_is_unchanged(sink: MailSink) -> None:
    """A second lock on the page: its policy runs no script nor remote resource; the
    Mailpit-shaped API keeps its headers and gives the text as it came."""
    _send(sink, HOSTILE)
    page = httpx.get(f"{sink.api_url}/")
    politique = page.headers["content-security-policy"]
    assert "default-src 'none'" in politique and "script-src" not in politique
    liste = httpx.get(f"{sink.api_url}/api/v1/messages")
    assert "content-security-policy" not in liste.headers
    detail = httpx.get(f"{sink.api_url}/api/v1/message/{liste.json()['messages'][0]['ID']}")
    assert detail.json()["Text"].replace("\r\n", "\n").rstrip("\n") == HOSTILE.rstrip("\n")


@pytest.mark.navigateur
def test_in_chromium_the_link_opens_and_nothing_runs(browser: Browser, sink: MailSink) -> None:
    """In real Chromium: the page's links are the http(s) URLs, named by themselves; no
    script of the mail runs; a click opens the link in the same tab."""
    cible = f"{sink.api_url}/livez"
    _send(sink, f"{HOSTILE}Ouvrez {cible}.\n")
    contexte = browser.new_context()
    page = contexte.new_page()
    dialogues: list[str] = []

    def refuser(dialogue: Dialog) -> None:
        dialogues.append(dialogue.message)
        dialogue.dismiss()

    page.on("dialog", refuser)
    page.goto(f"{sink.api_url}/")
    liens = page.get_by_role("link")
    assert liens.all_inner_texts() == [
        "http://piege.example/", REASSORT, "https://piege.example/", "https://piege.example/a",
        cible,
    ]  # fmt: skip
    assert page.locator("pre script, pre img, pre b, pre i").count() == 0
    page.get_by_role("link", name=cible).click()
    page.wait_for_url(cible)
    assert page.locator("body").inner_text() == "ok"
    assert len(contexte.pages) == 1 and dialogues == []
    contexte.close()
