"""A page's text and its elements' names as a browser user reads them, from raw HTML.

The HTTP clients of the harness (Locust personas, HTTP tests) see no rendered page: this
module gives them what a screen reader would announce. Visible text leaves out scripts,
styles, templates and `hidden` elements, and runs of whitespace (a line break in the
middle of a sentence) read as one space. An element's accessible name follows the order of
the accessibility tree, reduced to what forms use: `aria-labelledby`, `aria-label`, the
`<label for>` or wrapping `<label>`, then the element's own text, value or `title`;
`aria-hidden` parts (the `*` of a required field) are not part of a name.
"""

from __future__ import annotations

import difflib
import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

_BLANCS = re.compile(r"\s+")
_NON_LUS = frozenset({"script", "style", "template", "noscript", "head"})
_CONTROLES = frozenset({"input", "select", "textarea", "button"})
# Inline elements join their text to their neighbours'; every other element separates it.
_EN_LIGNE = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "label"}
    | {"mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"}
)


def normaliser(texte: str) -> str:
    """Whitespace collapsed to single spaces, ends trimmed: text as a reader perceives it."""
    return _BLANCS.sub(" ", texte).strip()


def sans_obligatoire(nom: str) -> str:
    """A label without the `*` that marks a required field, if shown to assistive tools."""
    return normaliser(nom.rstrip(" \t\n*"))


def _lu(noeud: LexborNode, pour_un_nom: bool) -> bool:
    """Whether a child element's text belongs to the text being read."""
    tag = noeud.tag or ""
    if tag in _NON_LUS or "hidden" in noeud.attributes:
        return False
    if tag == "input" and (noeud.attributes.get("type") or "").lower() == "hidden":
        return False
    if pour_un_nom:
        # A name leaves out what is hidden from assistive tools and the controls a
        # wrapping label holds (a select's options are not the label's words).
        return (noeud.attributes.get("aria-hidden") or "").lower() != "true" and (
            tag not in _CONTROLES
        )
    return True


def _morceaux(noeud: LexborNode, pour_un_nom: bool, sortie: list[str]) -> None:
    enfant = noeud.child
    while enfant is not None:
        if enfant.is_text_node:
            sortie.append(enfant.text_content or "")
        elif enfant.is_element_node and _lu(enfant, pour_un_nom):
            tag = enfant.tag or ""
            bloc = tag not in _EN_LIGNE
            if bloc:
                sortie.append(" ")
            if tag == "img":
                sortie.append(enfant.attributes.get("alt") or "")
            elif pour_un_nom and enfant.attributes.get("aria-label"):
                sortie.append(enfant.attributes.get("aria-label") or "")
            else:
                _morceaux(enfant, pour_un_nom, sortie)
            if bloc:
                sortie.append(" ")
        enfant = enfant.next


def texte(noeud: LexborNode, pour_un_nom: bool = False) -> str:
    """The text of `noeud` and its descendants as read on screen, whitespace normalised."""
    morceaux: list[str] = []
    _morceaux(noeud, pour_un_nom, morceaux)
    return normaliser("".join(morceaux))


def _par_ids(arbre: LexborHTMLParser, ids: str) -> str:
    """The names of the elements an `aria-labelledby` list refers to, in its order."""
    parties = []
    for ident in ids.split():
        cible = arbre.css_first(f'[id="{ident}"]')
        if cible is not None:
            parties.append(texte(cible, pour_un_nom=True))
    return normaliser(" ".join(parties))


def etiquettes_par_id(arbre: LexborHTMLParser) -> dict[str, list[str]]:
    """The texts of the page's `<label for>`, by the id they point to (read once a page)."""
    index: dict[str, list[str]] = {}
    for label in arbre.css("label[for]"):
        index.setdefault(label.attributes.get("for") or "", []).append(texte(label, True))
    return index


def _etiquettes(controle: LexborNode, ident: str | None, par_id: dict[str, list[str]]) -> str:
    """The text of the `<label>`s of a control: `for` its id, or wrapping it."""
    parties = list(par_id.get(ident, [])) if ident else []
    parent = controle.parent
    while parent is not None and parent.tag not in ("label", "form", "body"):
        parent = parent.parent
    if parent is not None and parent.tag == "label" and not parent.attributes.get("for"):
        parties.append(texte(parent, True))
    return normaliser(" ".join(parties))


def nom_accessible(
    arbre: LexborHTMLParser,
    element: LexborNode,
    attributs: dict[str, str | None] | None = None,
    par_id: dict[str, list[str]] | None = None,
) -> str:
    """The name the accessibility tree gives `element` (input, select, button, link…);
    `attributs` and `par_id` (see `etiquettes_par_id`) spare reading them again."""
    if attributs is None:
        attributs = element.attributes
    if attributs.get("aria-labelledby"):
        nom = _par_ids(arbre, attributs.get("aria-labelledby") or "")
        if nom:
            return nom
    if attributs.get("aria-label"):
        return normaliser(attributs.get("aria-label") or "")
    tag = element.tag or ""
    genre = (attributs.get("type") or "").lower()
    if tag in ("input", "select", "textarea") and genre not in ("submit", "button", "image"):
        if par_id is None:
            par_id = etiquettes_par_id(arbre)
        nom = _etiquettes(element, attributs.get("id"), par_id)
        if nom:
            return nom
        return normaliser(attributs.get("title") or attributs.get("placeholder") or "")
    if tag == "input":
        defaut = "Envoyer" if genre == "submit" else ""
        return normaliser(attributs.get("value") or attributs.get("alt") or defaut)
    return texte(element, pour_un_nom=True) or normaliser(attributs.get("title") or "")


def correspond(nom: str, cherche: str) -> bool:
    """Whether an accessible name is the one searched: same words, case and `*` aside."""
    return sans_obligatoire(nom).casefold() == sans_obligatoire(cherche).casefold()


def choisir(noms: list[str], cherche: str) -> list[int]:
    """The positions of the names that answer `cherche`: the exact ones (case, spacing and
    `*` aside) if any, else those that contain it, as Playwright's `get_by_label` does."""
    exacts = [i for i, nom in enumerate(noms) if correspond(nom, cherche)]
    if exacts:
        return exacts
    partie = sans_obligatoire(cherche).casefold()
    return [i for i, nom in enumerate(noms) if partie and partie in nom.casefold()]


def proches(cherche: str, presents: list[str], combien: int = 3) -> str:
    """The names present closest to `cherche`, quoted, for an error message."""
    uniques = [n for n in dict.fromkeys(presents) if n]
    voisins = difflib.get_close_matches(cherche, uniques, n=combien, cutoff=0.0)
    if not voisins:
        return "aucun"
    return ", ".join(f"« {v} »" for v in voisins)
