"""Initialisation of the Élections password and activation of the account."""

from __future__ import annotations

import re

import pytest

from harnais.courrier import Mailbox
from simulator.acces import politique
from simulator.acces.comptes import QUESTIONS_DEFI
from simulator.acces.passwords import verify_password
from simulator.storage import Database
from simulator.storage.electeurs import electeur_par_email
from tests.conftest import Portail, page_text

NEW_PASSWORD = "Nouveau-mot-2-passe"


@pytest.fixture
def on_initialisation(portail: Portail, mailbox: Mailbox) -> dict[str, str]:
    """A `nouveau` voter who asked for the réassort and opened the mailed link."""
    electeur = portail.creer_electeur("nouveau")
    portail.demander_reassort(electeur["email"])
    link = mailbox.wait_for_mail(electeur["email"]).links()[0]
    assert portail.ouvrir_lien(link).url.path == "/initialisation"
    return electeur


def test_initialisation_page_shows_policy_labels_and_captcha(
    portail: Portail, on_initialisation: dict[str, str]
) -> None:
    """The policy as the guide states it, both labelled fields, a CAPTCHA, the two buttons."""
    text = page_text(portail.client.get("/initialisation"))
    assert "Ce mot de passe doit exclusivement comprendre" in text
    for rule in politique.REGLES_AFFICHEES:
        assert rule in text
    for label in ("Mot de passe Élections", "Confirmation du mot de passe Élections", "CAPTCHA"):
        assert re.search(r'<label for="[^"]+">' + re.escape(label), text), label
    assert "RETOUR" in text and "CONNEXION" in text


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Court-1a", politique.MESSAGE_LONGUEUR),
        ("SANS-MINUSCULE-1", politique.MESSAGE_MINUSCULE),
        ("sans-majuscule-1", politique.MESSAGE_MAJUSCULE),
        ("Sans-chiffre-ici", politique.MESSAGE_CHIFFRE),
        ("Sanscaractere1special", politique.MESSAGE_SPECIAL),
    ],
)
def test_each_broken_rule_is_refused_with_its_message(
    portail: Portail, on_initialisation: dict[str, str], password: str, message: str
) -> None:
    """The page refuses the password and names the broken rule."""
    response = portail.set_password(password)
    assert response.status_code == 400
    assert message in page_text(response)


def test_confirmation_mismatch_is_refused(
    portail: Portail, on_initialisation: dict[str, str]
) -> None:
    """Two different entries: refused with the confirmation message."""
    response = portail.set_password(NEW_PASSWORD, confirmation=NEW_PASSWORD + "x")
    assert response.status_code == 400
    assert politique.MESSAGE_CONFIRMATION in page_text(response)


def test_page_keeps_nothing_typed_in_password_fields(
    portail: Portail, on_initialisation: dict[str, str]
) -> None:
    """After a refusal, the typed password appears nowhere in the page."""
    response = portail.set_password("Presque-bon", confirmation="Presque-bon")
    assert response.status_code == 400
    assert "Presque-bon" not in response.text
    assert not re.search(r'type="password"[^>]*value=', response.text)


def test_wrong_captcha_is_refused(portail: Portail, on_initialisation: dict[str, str]) -> None:
    """A good password with a wrong CAPTCHA is refused, and the link is still usable."""
    response = portail.set_password(NEW_PASSWORD, captcha="000000")
    assert response.status_code == 400 and "CAPTCHA" in response.text
    assert portail.set_password(NEW_PASSWORD).url.path == "/activation"


def test_activation_page_has_challenge_choices_and_both_buttons(
    portail: Portail, on_initialisation: dict[str, str]
) -> None:
    """'Défi' drop-down with at least five questions, both answer fields, both buttons."""
    text = page_text(portail.set_password(NEW_PASSWORD))
    assert "Afin d'activer votre compte" in text
    assert len(re.findall(r"<option", text)) >= 5
    for label in (
        "Défi",
        "Répondre à la Question défi choisie",
        "Ressaisir la réponse à la Question défi",
    ):
        assert re.search(r'<label for="[^"]+">' + re.escape(label), text), label
    assert "ACTIVER SON COMPTE" in text and "ACCÈS SANS ACTIVATION" in text


def test_activation_saves_password_and_hashed_answer(
    portail: Portail, on_initialisation: dict[str, str], db: Database
) -> None:
    """ACTIVER SON COMPTE: voter space, then a later login with the new password works."""
    portail.set_password(NEW_PASSWORD)
    response = portail.activer("Éléphant d'Afrique")
    assert response.url.path == "/espace"
    stored = electeur_par_email(db.reader(), on_initialisation["email"])
    assert stored is not None and stored.is_active and stored.question == QUESTIONS_DEFI[1]
    assert stored.answer_hash is not None and "phant" not in stored.answer_hash
    # Compared without case or accents.
    assert verify_password(stored.answer_hash, "elephant d'afrique", "fast")
    portail.client.cookies.clear()
    again = portail.login(on_initialisation["email"], NEW_PASSWORD)
    assert again.url.path == "/espace"


@pytest.mark.parametrize(
    ("answer", "confirmation", "message"),
    [
        ("Milou", "Idéfix", "Les deux réponses à la question défi sont différentes."),
        ("", "", "Veuillez saisir la réponse à la question défi et la ressaisir."),
        ("Milou", "  ", "Veuillez saisir la réponse à la question défi et la ressaisir."),
    ],
)
def test_mismatched_or_empty_answers_are_refused(
    portail: Portail,
    on_initialisation: dict[str, str],
    db: Database,
    answer: str,
    confirmation: str,
    message: str,
) -> None:
    """The activation form refuses and saves nothing."""
    portail.set_password(NEW_PASSWORD)
    response = portail.activer(answer, confirmation=confirmation)
    assert response.status_code == 400
    assert message in page_text(response)
    stored = electeur_par_email(db.reader(), on_initialisation["email"])
    assert stored is not None and not stored.is_active


def test_access_without_activation_saves_nothing(
    portail: Portail, on_initialisation: dict[str, str], db: Database
) -> None:
    """ACCÈS SANS ACTIVATION opens the voter space; the next login is refused, pointing
    to the réassort, exactly as the guide warns."""
    portail.set_password(NEW_PASSWORD)
    response = portail.activer("", action="sans_activation")
    assert response.url.path == "/espace" and "Mon espace électeur" in response.text
    stored = electeur_par_email(db.reader(), on_initialisation["email"])
    assert stored is not None and stored.password_hash is None and not stored.is_active
    portail.client.cookies.clear()
    again = portail.login(on_initialisation["email"], NEW_PASSWORD)
    assert again.status_code == 400 and "réassort" in page_text(again)
    events = [r[0] for r in db.reader().execute("SELECT event FROM audit_log")]
    assert "acces_sans_activation" in events and "activation" not in events


def test_activation_page_needs_a_completed_initialisation(portail: Portail) -> None:
    """Reaching /activation or /initialisation directly sends the visitor back."""
    assert portail.client.get("/activation").url.path == "/identification"
    assert portail.client.get("/initialisation").url.path == "/reassort"
