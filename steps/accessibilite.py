"""Steps of accessibility (RGAA, built on WCAG 2.1 AA): axe-core on the page, the whole
way in by keyboard only, and pages that never scroll sideways at 320 CSS pixels.

axe-core runs inside the browser on the page as the voter sees it, so the step works on
any portal, the reference one or a recette one.
"""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from pytest_bdd import parsers, then, when

from harnais.vocabulaire import vocabulaire
from steps.captcha import captcha_affiche
from steps.contexte import Contexte
from steps.fixtures import Cible
from steps.pages import PageAccueil, PageDeclaration, PageEspaceElecteur
from steps.pages._base import Ecran

# The rules of WCAG 2.0 and 2.1, levels A and AA: what the RGAA is built on.
REGLES_RGAA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
_axe = Axe()


def violations(page: Page) -> list[dict[str, Any]]:
    """The WCAG 2.1 A/AA violations axe-core finds on the page as it is now."""
    resultat: list[dict[str, Any]] = _axe.run(page, options=REGLES_RGAA).response["violations"]
    return resultat


def decrire(trouvees: list[dict[str, Any]]) -> str:
    """Each violation: its rule, its help text and link, and every element it concerns."""
    lignes = []
    for v in trouvees:
        lignes.append(f"- règle {v['id']} ({v.get('impact')}) : {v['help']} — {v['helpUrl']}")
        for noeud in v.get("nodes", []):
            cible = " ".join(str(t) for t in noeud.get("target", []))
            lignes.append(f"    élément {cible} : {noeud.get('html', '')[:160]}")
    return "\n".join(lignes)


@then("la page respecte les règles d'accessibilité")
def page_accessible(page: Page) -> None:
    """axe-core (règles WCAG 2.1 A et AA, base du RGAA) ne trouve aucune violation sur la
    page affichée ; sinon l'échec donne chaque règle, son aide et chaque élément."""
    page.wait_for_load_state("load")
    trouvees = violations(page)
    assert not trouvees, (
        f"{len(trouvees)} violation(s) d'accessibilité sur {page.url} :\n{decrire(trouvees)}"
    )


# Keyboard only ------------------------------------------------------------------------

TABULATIONS_MAX = 40

_FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
    || (s.boxShadow && s.boxShadow !== 'none');
  const nom = (e.getAttribute('aria-label') || e.labels?.[0]?.innerText
    || e.innerText || e.value || '').replace(/\\s+/g, ' ').trim();
  return {nom: nom, balise: e.tagName.toLowerCase(), visible: visible};
}"""


def tabuler_jusqu_a(page: Page, nom: str, arriere: bool = False) -> None:
    """Press Tab (or Shift-Tab) until the focus is on the element whose accessible name
    starts with `nom`; fail if the focus is ever invisible, or never gets there (a trap,
    or an element the keyboard cannot reach)."""
    vus = []
    for _ in range(TABULATIONS_MAX):
        page.keyboard.press("Shift+Tab" if arriere else "Tab")
        focus = page.evaluate(_FOCUS)
        if focus is None:
            continue
        assert focus["visible"], f"focus invisible sur {focus['balise']} « {focus['nom']} »"
        vus.append(focus["nom"])
        if focus["nom"].startswith(nom):
            return
    raise AssertionError(f"« {nom} » jamais atteint au clavier ; focus passé par : {vus}")


@when("il ouvre la page d'accueil au clavier")
def accueil_au_clavier(page: Page) -> None:
    """Ouvre la page d'accueil ; la suite se fait au clavier seulement."""
    PageAccueil(page).ouvrir()


@then("le premier arrêt du clavier est un lien d'évitement vers le contenu")
def lien_d_evitement(page: Page) -> None:
    """La première tabulation donne un lien « Aller au contenu », visible au focus."""
    page.keyboard.press("Tab")
    focus = page.evaluate(_FOCUS)
    assert focus and focus["nom"].startswith(vocabulaire().liens.evitement), focus
    assert focus["visible"], "le lien d'évitement n'est pas visible au focus"


@when(parsers.parse('il atteint "{nom}" au clavier et appuie sur Entrée'))
def atteint_et_entree(page: Page, nom: str) -> None:
    """Tabule jusqu'à cet élément (focus toujours visible) puis appuie sur Entrée."""
    tabuler_jusqu_a(page, nom)
    with page.expect_navigation():
        page.keyboard.press("Enter")


@when(parsers.parse('il revient sur "{nom}" avec Maj+Tab'))
def revient_en_arriere(page: Page, nom: str) -> None:
    """Remonte au clavier (Maj+Tab) jusqu'à cet élément."""
    tabuler_jusqu_a(page, nom, arriere=True)


@when(parsers.parse('il atteint "{nom}" au clavier et y tape son identifiant'))
def tape_identifiant(page: Page, contexte: Contexte, nom: str) -> None:
    """Tabule jusqu'au champ et tape l'identifiant de l'électeur."""
    tabuler_jusqu_a(page, nom)
    page.keyboard.type(contexte.electeur_requis().email)


@when(parsers.parse('il atteint "{nom}" au clavier et y tape le CAPTCHA'))
def tape_captcha(page: Page, cible: Cible, nom: str) -> None:
    """Tabule jusqu'au champ et tape les chiffres du CAPTCHA affiché."""
    code = captcha_affiche(page, cible)
    tabuler_jusqu_a(page, nom)
    page.keyboard.type(code)


@when(parsers.parse('il atteint "{nom}" au clavier et y tape son mot de passe Élections'))
def tape_mot_de_passe(page: Page, contexte: Contexte, nom: str) -> None:
    """Tabule jusqu'au champ et tape le mot de passe Élections de l'électeur."""
    password = contexte.electeur_requis().password
    assert password
    tabuler_jusqu_a(page, nom)
    page.keyboard.type(password)


@when(parsers.parse('il atteint "{nom}" au clavier et y tape "{texte}"'))
def tape_texte(page: Page, nom: str, texte: str) -> None:
    """Tabule jusqu'au champ et y tape ce texte."""
    tabuler_jusqu_a(page, nom)
    page.keyboard.type(texte)


@when(parsers.parse('il atteint "{nom}" au clavier et appuie sur Espace'))
def atteint_et_espace(page: Page, nom: str) -> None:
    """Tabule jusqu'au bouton puis l'actionne avec la barre d'espace."""
    tabuler_jusqu_a(page, nom)
    with page.expect_navigation():
        page.keyboard.press(" ")


@then("il voit son espace électeur, atteint au clavier seulement")
def espace_au_clavier(page: Page, contexte: Contexte) -> None:
    """L'espace électeur est affiché (et noté comme une connexion réussie)."""
    expect(PageEspaceElecteur(page).entete).to_be_visible()
    contexte.noter("connexion")


@then("l'erreur est annoncée et liée à son champ")
def erreur_liee(page: Page) -> None:
    """L'erreur a le rôle alert, le champ en cause porte aria-invalid et la désigne par
    aria-describedby (RGAA 11.10). Le titre de la page n'est pas exigé : ni le guide ni le
    RGAA ne disent qu'il doit changer, et chaque portail le formule à sa façon."""
    ecran = Ecran(page)
    expect(ecran.erreur).to_be_visible()
    identifiant = ecran.erreur.get_attribute("id")
    assert identifiant, "le message d'erreur n'a pas d'id auquel un champ puisse renvoyer"
    expect(ecran.champs_decrits_par(identifiant).first).to_be_attached()


# Reflow (WCAG 1.4.10) -----------------------------------------------------------------


@when(parsers.parse("la fenêtre fait {largeur:d} pixels de large"))
def fenetre_etroite(page: Page, largeur: int) -> None:
    """Règle la largeur de la fenêtre (320 px : un téléphone ; 640 px : 1 280 à 200 %)."""
    page.set_viewport_size({"width": largeur, "height": 800})


@then("la page ne défile pas horizontalement")
def sans_defilement_horizontal(page: Page) -> None:
    """Rien ne dépasse la largeur de la fenêtre : pas de barre de défilement horizontale."""
    largeurs = Ecran(page).largeurs()
    assert largeurs[0] <= largeurs[1], (
        f"{page.url} : {largeurs[0]} px de contenu pour {largeurs[1]} px de fenêtre"
    )


# The accessibility statement --------------------------------------------------------


@when("il ouvre la déclaration d'accessibilité depuis le pied de page")
def ouvre_declaration(page: Page) -> None:
    """Suit le lien « Accessibilité : … » du pied de page."""
    PageDeclaration(page).ouvrir_depuis_le_pied_de_page()


@then("la déclaration donne le niveau de conformité, les exceptions et le contact")
def declaration_complete(page: Page) -> None:
    """Les rubriques obligatoires : état de conformité, contenus non accessibles, contact,
    voies de recours."""
    declaration = PageDeclaration(page)
    expect(declaration.entete).to_be_visible()
    for rubrique in declaration.rubriques:
        expect(rubrique).to_be_visible()
    expect(declaration.contenu).to_contain_text("conforme")
