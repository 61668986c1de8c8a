"""The screens of the first slice: labels, buttons and flow as in the voter guide."""

from __future__ import annotations

import re
from pathlib import Path

from starlette.testclient import TestClient

from simulator import Settings, create_app
from simulator.settings import ContactAssistance, ReglesElection
from tests.conftest import Portail, csrf_of


def _label_for(html: str, text: str) -> str:
    """The id a <label> containing `text` points to."""
    match = re.search(r'<label for="([^"]+)">' + re.escape(text), html)
    assert match, f"aucun <label> « {text} »"
    assert f'id="{match.group(1)}"' in html, f"le label « {text} » ne désigne aucun champ"
    return match.group(1)


def test_home_page_shows_title_help_and_entry(client: TestClient) -> None:
    """Home: election title, AIDE/FAQ, and the 'ACCÉDER AU PORTAIL ÉLECTIONS' entry, in French."""
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert '<html lang="fr">' in response.text
    for text in (
        "Elections professionnelles 2026",
        "AIDE/FAQ",
        "ACCÈS AU PORTAIL ÉLECTIONS",
        "ACCÉDER AU PORTAIL ÉLECTIONS",
    ):
        assert text in response.text


def test_identification_page_has_labelled_fields_captcha_and_buttons(client: TestClient) -> None:
    """Identification: 'Identifiant' and 'CAPTCHA' labelled, CAPTCHA image, RETOUR, CONNEXION."""
    html = client.get("/identification").text
    _label_for(html, "Identifiant")
    _label_for(html, "CAPTCHA")
    for text in (
        "Vous ne connaissez pas votre identifiant ?",
        "RETOUR",
        "CONNEXION",
        'src="/captcha.png',
    ):
        assert text in html
    image = client.get("/captcha.png")
    assert image.headers["content-type"] == "image/png"
    assert image.content.startswith(b"\x89PNG")


def test_wrong_captcha_is_refused_with_a_new_one(portail: Portail) -> None:
    """A wrong CAPTCHA gives a French message and a different CAPTCHA to type."""
    electeur = portail.creer_electeur()
    portail.client.get("/identification")
    shown = portail.captcha()
    wrong = "0" if shown[0] != "0" else "1"
    response = portail.identify(electeur["email"], captcha=wrong + shown[1:])
    assert response.status_code == 400
    assert "ne correspondent pas au CAPTCHA" in response.text
    assert portail.captcha() != shown  # a new code (equal by chance once in 10⁵)


def test_empty_identifiant_is_refused(portail: Portail) -> None:
    """An empty Identifiant is refused with a message naming the field."""
    response = portail.identify("   ")
    assert response.status_code == 400
    assert "Le champ « Identifiant » est obligatoire." in response.text


def test_active_voter_reaches_voter_space_and_logs_out(portail: Portail) -> None:
    """Right password: the voter space lists the ballots; logout returns home."""
    electeur = portail.creer_electeur()
    response = portail.login(electeur["email"], electeur["password"])
    assert response.url.path == "/espace"
    assert "Mon espace électeur" in response.text
    assert "CSA académique de Reims" in response.text
    logout = portail.client.post("/deconnexion", data={"csrf": csrf_of(response.text)})
    assert logout.url.path == "/"
    assert "déconnecté" in logout.text
    assert portail.client.get("/espace").url.path == "/identification"


def test_password_page_has_guide_labels(portail: Portail) -> None:
    """'Saisie du mot de passe Élections' page: label, réassort link, RETOUR, CONNEXION."""
    electeur = portail.creer_electeur()
    html = portail.identify(electeur["email"]).text
    assert "Saisie du mot de passe Élections" in html
    _label_for(html, "Mot de passe Elections")
    for text in ("Besoin du réassort de votre mot de passe Elections ?", "RETOUR", "CONNEXION"):
        assert text in html


def test_unknown_identifiant_and_wrong_password_get_the_same_answer(portail: Portail) -> None:
    """No enumeration: unknown address, wrong password and no password yet look alike."""
    active = portail.creer_electeur("actif")
    new = portail.creer_electeur("nouveau")
    answers = [
        portail.login(active["email"], "Mauvais-mot-2-passe"),
        portail.login("inconnu.personne@ac-reims.fr", "Mauvais-mot-2-passe"),
        portail.login(new["email"], "Mauvais-mot-2-passe"),
    ]
    assert {r.status_code for r in answers} == {400}
    messages = {re.search(r'role="alert"[^>]*>([^<]+)<', r.text).group(1) for r in answers}  # type: ignore[union-attr]
    assert len(messages) == 1
    assert "réassort" in messages.pop()


def test_password_page_without_identification_sends_back(client: TestClient) -> None:
    """Reaching the password page directly sends the visitor back to identification."""
    response = client.get("/mot-de-passe")
    assert response.url.path == "/identification"
    assert "recommencer" in response.text


def test_form_without_csrf_token_is_refused(portail: Portail) -> None:
    """A posted form without the session's CSRF token is refused."""
    portail.client.get("/identification")
    response = portail.client.post(
        "/identification", data={"identifiant": "a@ac-reims.fr", "captcha": portail.captcha()}
    )
    assert response.status_code == 400
    assert "Le formulaire a expiré" in response.text


def test_session_cookie_is_renewed_at_login_and_protected(portail: Portail) -> None:
    """The session cookie is HttpOnly, SameSite=Lax, and changes when the voter logs in."""
    electeur = portail.creer_electeur()
    portail.identify(electeur["email"])
    before = portail.client.cookies.get("session_electeur")
    page = portail.client.get("/mot-de-passe")
    response = portail.client.post(
        "/mot-de-passe",
        data={"csrf": csrf_of(page.text), "mot_de_passe": electeur["password"]},
        follow_redirects=False,
    )
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
    assert portail.client.cookies.get("session_electeur") != before


def test_security_headers_on_every_page(client: TestClient) -> None:
    """CSP, no-store and friends are sent on the portal's pages."""
    headers = client.get("/").headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["cache-control"] == "no-store"
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"


def test_help_page_lists_support_contacts(client: TestClient) -> None:
    """AIDE/FAQ lists the union and the rectorat support cell with phone and mail."""
    html = client.get("/aide").text
    assert "syndicat" in html
    assert "03 26 05 99 46" in html and "assistance-elections2022@ac-reims.fr" in html


def test_title_and_support_contact_come_from_settings(tmp_path: Path) -> None:
    """Another election title and another académie's support cell are shown as configured."""
    settings = Settings(
        db_path=tmp_path / "p.sqlite3",
        hash_cost="fast",
        outbox_enabled=False,
        election=ReglesElection(
            titre_election="Élections professionnelles partielles 2027",
            assistance=ContactAssistance(
                "Cellule élections de Lille", "03 20 00 00 00", "elections@ac-lille.fr"
            ),
        ),
    )
    with TestClient(create_app(settings)) as client:
        assert "Élections professionnelles partielles 2027" in client.get("/").text
        help_page = client.get("/aide").text
    assert "Cellule élections de Lille" in help_page and "elections@ac-lille.fr" in help_page
    assert "03 26 05 99 46" not in help_page


def test_anonymous_pages_set_no_session_cookie(client: TestClient) -> None:
    """Home and help pages create no session: an anonymous visit writes nothing."""
    for path in ("/", "/aide"):
        assert "set-cookie" not in client.get(path).headers
    assert "set-cookie" in client.get("/identification").headers


def test_missing_captcha_is_refused_with_a_new_one(portail: Portail) -> None:
    """An empty CAPTCHA field: the field is named, and a new code is shown."""
    portail.client.get("/identification")
    shown = portail.captcha()
    response = portail.identify("a.b@ac-reims.fr", captcha="")
    assert response.status_code == 400
    assert "Le champ « CAPTCHA » est obligatoire." in response.text
    assert portail.captcha() != shown  # a new code (equal by chance once in 10⁵)
