"""Steps of the identification screen."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_bdd import then, when

from steps.captcha import captcha_affiche, captcha_faux
from steps.contexte import Contexte
from steps.fixtures import Cible
from steps.pages import PageIdentification, PageMotDePasse
from steps.parcours import ouvrir_portail, s_identifier


@when("il ouvre le portail Élections")
def ouvre_le_portail(page: Page) -> None:
    """Ouvre l'accueil puis « ACCÉDER AU PORTAIL ÉLECTIONS »."""
    ouvrir_portail(page)


def _retenir_captcha(page: Page, cible: Cible, contexte: Contexte) -> None:
    """Remember the CAPTCHA shown (its picture; its code too when a hook reads it), to
    tell later that another one replaced it."""
    contexte.notes.captcha_image = PageIdentification(page).image_captcha.screenshot()
    if not cible.captcha_code:
        contexte.notes.captcha_code = captcha_affiche(page, cible)


@when("il s'identifie avec son adresse professionnelle et le CAPTCHA affiché")
def s_identifie(page: Page, cible: Cible, contexte: Contexte) -> None:
    """Saisit l'adresse de l'électeur et les chiffres du CAPTCHA affiché."""
    s_identifier(page, cible, contexte)
    contexte.noter("vu")


@when("il s'identifie avec un CAPTCHA erroné")
def s_identifie_captcha_faux(page: Page, cible: Cible, contexte: Contexte) -> None:
    """Saisit l'adresse et des chiffres qui ne sont pas ceux du CAPTCHA."""
    bon = captcha_affiche(page, cible)
    _retenir_captcha(page, cible, contexte)
    with contexte.identification():
        PageIdentification(page).s_identifier(contexte.electeur_requis().email, captcha_faux(bon))
        page.wait_for_load_state()


@when("il saisit son adresse professionnelle")
def saisit_adresse(page: Page, contexte: Contexte) -> None:
    """Saisit seulement l'adresse."""
    PageIdentification(page).champ_identifiant.fill(contexte.electeur_requis().email)


@when("il demande un nouveau CAPTCHA")
def demande_nouveau_captcha(page: Page, cible: Cible, contexte: Contexte) -> None:
    """Clique sur « Nouveau CAPTCHA »."""
    _retenir_captcha(page, cible, contexte)
    PageIdentification(page).nouveau_captcha()


@when("il valide l'identification sans rien saisir")
def valide_vide(page: Page, contexte: Contexte) -> None:
    """Clique sur « CONNEXION » sans rien saisir."""
    with contexte.identification():
        PageIdentification(page).valider()
        page.wait_for_load_state()


@when("il valide l'identification sans recopier le CAPTCHA")
def valide_sans_captcha(page: Page, contexte: Contexte) -> None:
    """Saisit l'adresse, laisse le CAPTCHA vide, clique sur « CONNEXION »."""
    with contexte.identification():
        PageIdentification(page).remplir(contexte.electeur_requis().email, "")
        PageIdentification(page).valider()
        page.wait_for_load_state()


@then("un nouveau CAPTCHA lui est présenté")
def nouveau_captcha_present(page: Page, cible: Cible, contexte: Contexte) -> None:
    """Un CAPTCHA est affiché, différent du précédent (autre image ; autre code aussi,
    quand le point d'accès de test le donne)."""
    image = PageIdentification(page).image_captcha
    expect(image).to_be_visible()
    assert contexte.notes.captcha_image is not None, "aucun CAPTCHA retenu auparavant"
    assert image.screenshot() != contexte.notes.captcha_image, "même image de CAPTCHA"
    if contexte.notes.captcha_code is not None:
        assert captcha_affiche(page, cible) != contexte.notes.captcha_code


@then("son adresse professionnelle est conservée")
def adresse_conservee(page: Page, contexte: Contexte) -> None:
    """Le champ « Identifiant » a gardé l'adresse saisie."""
    expect(PageIdentification(page).champ_identifiant).to_have_value(
        contexte.electeur_requis().email
    )


@then("un CAPTCHA sonore est proposé")
def captcha_sonore(page: Page, cible: Cible) -> None:
    """La version sonore du CAPTCHA est proposée et se télécharge."""
    lien = PageIdentification(page).captcha_audio
    expect(lien).to_be_visible()
    href = lien.get_attribute("href") or ""
    reponse = page.request.get(href if href.startswith("http") else cible.portail_url + href)
    assert reponse.ok and reponse.headers["content-type"] == "audio/wav"


@then("il voit la page de saisie du mot de passe Élections")
def voit_page_mot_de_passe(page: Page) -> None:
    """La page « Saisie du mot de passe Élections » est affichée."""
    expect(PageMotDePasse(page).entete).to_be_visible()
