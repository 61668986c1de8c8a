"""Steps of the identification screen."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_bdd import then, when

from steps.captcha import captcha_affiche, captcha_faux
from steps.fixtures import Cible, Contexte
from steps.pages import PageIdentification, PageMotDePasse
from steps.parcours import ouvrir_portail, s_identifier


@when("il ouvre le portail Élections")
def ouvre_le_portail(page: Page) -> None:
    """Open the home page and go on to identification."""
    ouvrir_portail(page)


@when("il s'identifie avec son adresse professionnelle et le CAPTCHA affiché")
def s_identifie(page: Page, cible: Cible, contexte: Contexte) -> None:
    """Type the voter's address and the digits of the CAPTCHA shown."""
    s_identifier(page, cible, contexte.electeur_requis().email)


@when("il s'identifie avec un CAPTCHA erroné")
def s_identifie_captcha_faux(page: Page, cible: Cible, contexte: Contexte) -> None:
    """Type the address and digits that are not the CAPTCHA's."""
    bon = captcha_affiche(page, cible)
    contexte.notes["captcha_refuse"] = bon
    PageIdentification(page).s_identifier(contexte.electeur_requis().email, captcha_faux(bon))


@when("il saisit son adresse professionnelle")
def saisit_adresse(page: Page, contexte: Contexte) -> None:
    """Type the address only."""
    PageIdentification(page).champ_identifiant.fill(contexte.electeur_requis().email)


@when("il demande un nouveau CAPTCHA")
def demande_nouveau_captcha(page: Page, cible: Cible, contexte: Contexte) -> None:
    """Press 'Nouveau CAPTCHA', remembering the code it replaces."""
    contexte.notes["captcha_refuse"] = captcha_affiche(page, cible)
    PageIdentification(page).nouveau_captcha()


@when("il valide l'identification sans rien saisir")
def valide_vide(page: Page) -> None:
    """Press 'CONNEXION' with both fields empty."""
    PageIdentification(page).valider()


@when("il valide l'identification sans recopier le CAPTCHA")
def valide_sans_captcha(page: Page, contexte: Contexte) -> None:
    """Type the address, leave the CAPTCHA empty, press 'CONNEXION'."""
    PageIdentification(page).remplir(contexte.electeur_requis().email, "")
    PageIdentification(page).valider()


@then("un nouveau CAPTCHA lui est présenté")
def nouveau_captcha_present(page: Page, cible: Cible, contexte: Contexte) -> None:
    """The page shows a CAPTCHA again, and it is not the previous one."""
    expect(PageIdentification(page).image_captcha).to_be_visible()
    assert captcha_affiche(page, cible) != contexte.notes["captcha_refuse"]


@then("son adresse professionnelle est conservée")
def adresse_conservee(page: Page, contexte: Contexte) -> None:
    """The identifiant field still holds what the voter typed."""
    expect(PageIdentification(page).champ_identifiant).to_have_value(
        contexte.electeur_requis().email
    )


@then("un CAPTCHA sonore est proposé")
def captcha_sonore(page: Page, cible: Cible) -> None:
    """The audio alternative is offered and serves a WAV file."""
    lien = PageIdentification(page).captcha_audio
    expect(lien).to_be_visible()
    href = lien.get_attribute("href") or ""
    reponse = page.request.get(href if href.startswith("http") else cible.portail_url + href)
    assert reponse.ok and reponse.headers["content-type"] == "audio/wav"


@then("il voit la page de saisie du mot de passe Élections")
def voit_page_mot_de_passe(page: Page) -> None:
    """The 'Saisie du mot de passe Élections' page is shown."""
    expect(PageMotDePasse(page).entete).to_be_visible()
