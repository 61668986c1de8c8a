"""How the injector reads a response body as text (load/portail.py `texte_lu`): as a
browser would, from the declared charset, else an HTML page's own `<meta charset>`, else
UTF-8; never a guess, and no text for an image."""

from __future__ import annotations

from dataclasses import dataclass, field

from load.portail import texte_lu


@dataclass
class Reponse:
    """The two things `texte_lu` reads of a Locust response."""

    content: bytes
    headers: dict[str, str] = field(default_factory=dict)


def test_the_declared_charset_wins() -> None:
    """A Latin-1 page that says so is read as Latin-1."""
    corps = "Élections professionnelles".encode("latin-1")
    assert texte_lu(Reponse(corps, {"content-type": "text/html; charset=ISO-8859-1"})) == (
        "Élections professionnelles"
    )


def test_an_html_page_without_a_declared_charset_is_read_by_its_meta() -> None:
    """No charset in the headers: the page's `<meta charset>` says it, as browsers read it."""
    corps = '<html><head><meta charset="windows-1252"></head><body>Été</body></html>'
    lu = texte_lu(Reponse(corps.encode("cp1252"), {"content-type": "text/html"}))
    assert "Été" in lu


def test_json_without_a_charset_is_utf8() -> None:
    """JSON has one encoding (RFC 8259): read as UTF-8, accents kept."""
    corps = '{"nom": "Académie"}'.encode()
    assert texte_lu(Reponse(corps, {"content-type": "application/json"})) == corps.decode()


def test_an_image_has_no_text() -> None:
    """The CAPTCHA image is loaded, never read as text (nor its charset guessed)."""
    assert texte_lu(Reponse(b"\x89PNG\r\n\x1a\n" + bytes(200), {"content-type": "image/png"})) == ""


def test_an_unknown_charset_falls_back_to_utf8() -> None:
    """A charset name Python does not know does not break the journey."""
    corps = "déjà".encode()
    assert texte_lu(Reponse(corps, {"content-type": "text/html; charset=x-inconnu"})) == "déjà"


def test_an_empty_body_is_empty_text() -> None:
    """A 204 or a redirect without body gives an empty page."""
    assert texte_lu(Reponse(b"", {"content-type": "text/html; charset=utf-8"})) == ""
