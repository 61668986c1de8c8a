"""A screen of the portal as an HTTP client of the harness reads it: its title, headings
and visible text (whitespace normalised), its links and forms by accessible name.

A screen is recognised by what it says, never by its HTTP status: one portal answers 400
to a wrong password, another 401, and both show the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from harnais.erreurs_ecran import ElementIntrouvable
from harnais.formulaire import Controle, Formulaire
from harnais.html_accessible import (
    choisir,
    etiquettes_par_id,
    nom_accessible,
    normaliser,
    proches,
    texte,
)

_CONTROLES = "input, select, textarea, button"


@dataclass
class Ecran:
    """One page received: status, final URL, HTML, and the transport's own response."""

    statut: int
    url: str
    html: str
    brut: Any = None
    _arbre: LexborHTMLParser | None = field(default=None, init=False, repr=False)
    _texte: str | None = field(default=None, init=False, repr=False)
    _controles: list[tuple[LexborNode, list[Controle]]] | None = field(
        default=None, init=False, repr=False
    )

    @property
    def arbre(self) -> LexborHTMLParser:
        """The parsed document (parsed once, on first use)."""
        if self._arbre is None:
            # UTF-8 bytes parse about twice as fast as a str (measured on these pages).
            self._arbre = LexborHTMLParser(self.html.encode("utf-8", "replace"))
        return self._arbre

    @property
    def titre(self) -> str:
        """The document's title, as a browser's tab shows it."""
        noeud = self.arbre.css_first("title")
        return texte(noeud) if noeud is not None else ""

    def titres(self) -> list[str]:
        """The headings' texts, in document order."""
        return [texte(h) for h in self.arbre.css("h1, h2, h3, h4, h5, h6")]

    @property
    def texte(self) -> str:
        """Everything the page shows, title first, whitespace normalised."""
        if self._texte is None:
            corps = self.arbre.body
            self._texte = normaliser(f"{self.titre} {texte(corps) if corps is not None else ''}")
        return self._texte

    def montre(self, marqueur: str) -> bool:
        """Whether the screen says `marqueur` (case and spacing aside, as a reader would)."""
        return normaliser(marqueur).casefold() in self.texte.casefold()

    def resume(self) -> str:
        """How to name this screen in a message: its title (or first heading) and status."""
        nom = self.titre or next(iter(self.titres()), "") or "sans titre"
        return f"« {nom} » (statut {self.statut})"

    def exiger(self, marqueur: str, quoi: str) -> None:
        """Fail unless the screen says `marqueur`, naming it and what was shown instead."""
        if not self.montre(marqueur):
            raise ElementIntrouvable(f"{quoi} : « {marqueur} » absent de l'écran {self.resume()}")

    # Links ----------------------------------------------------------------------------

    def liens(self) -> list[tuple[str, str]]:
        """Every link's accessible name and absolute target, in order."""
        return [
            (nom_accessible(self.arbre, a), urljoin(self.url, a.attributes.get("href") or ""))
            for a in self.arbre.css("a[href]")
        ]

    def lien(self, nom: str) -> str:
        """The target of the link named `nom` (the first, if several say the same)."""
        tous = self.liens()
        retenus = choisir([n for n, _ in tous], nom)
        if not retenus:
            raise ElementIntrouvable(
                f"lien « {nom} » absent de l'écran {self.resume()} ; les plus proches : "
                f"{proches(nom, [n for n, _ in tous])}"
            )
        return tous[retenus[0]][1]

    def image(self, nom: str) -> str | None:
        """The source of the image whose text alternative says `nom`, if any."""
        for img in self.arbre.css("img[src]"):
            if normaliser(nom).casefold() in normaliser(img.attributes.get("alt") or "").casefold():
                return urljoin(self.url, img.attributes.get("src") or "")
        return None

    # Forms ----------------------------------------------------------------------------

    def formulaires(self) -> list[Formulaire]:
        """The page's forms, each with the controls it owns (HTML5 `form=` included), as
        they stand on arrival (a new list of fresh forms at each call)."""
        if self._controles is None:
            arbre = self.arbre
            forms = arbre.css("form")
            par_id = {f.attributes.get("id"): f for f in forms if f.attributes.get("id")}
            etiquettes = etiquettes_par_id(arbre)

            def nommer(noeud: LexborNode, attributs: dict[str, str | None]) -> str:
                return nom_accessible(arbre, noeud, attributs, etiquettes)

            lus: dict[int, list[Controle]] = {f.mem_id: [] for f in forms}
            for noeud in arbre.css(_CONTROLES):
                proprietaire: LexborNode | None
                if "form" in noeud.attributes:
                    proprietaire = par_id.get(noeud.attributes.get("form"))
                else:
                    proprietaire = noeud.parent
                    while proprietaire is not None and proprietaire.tag != "form":
                        proprietaire = proprietaire.parent
                if proprietaire is not None and proprietaire.mem_id in lus:
                    lus[proprietaire.mem_id].append(Controle.lire(noeud, nommer))
            self._controles = [(f, lus[f.mem_id]) for f in forms]
        return [Formulaire(f, controles, self.url) for f, controles in self._controles]

    def formulaire(self, bouton: str | None = None, champs: tuple[str, ...] = ()) -> Formulaire:
        """The form that holds the button `bouton` and the fields labelled `champs` (the
        first such form), or an error naming the buttons and fields the page offers."""
        formulaires = self.formulaires()
        for candidat in formulaires:
            if (bouton is None or candidat.a_le_bouton(bouton)) and all(
                candidat.a_le_champ(c) for c in champs
            ):
                return candidat
        avec_bouton = [f for f in formulaires if bouton is not None and f.a_le_bouton(bouton)]
        if avec_bouton:
            manquant = next(c for c in champs if not avec_bouton[0].a_le_champ(c))
            raise ElementIntrouvable(
                f"champ « {manquant} » introuvable dans le formulaire du bouton « {bouton} » "
                f"sur l'écran {self.resume()} ; les plus proches : "
                f"{proches(manquant, avec_bouton[0].champs())}"
            )
        boutons = [b for f in formulaires for b in f.boutons()]
        presents = [c for f in formulaires for c in f.champs()]
        cherche = (
            " et ".join(
                ([f"le bouton « {bouton} »"] if bouton else [])
                + [f"le champ « {c} »" for c in champs]
            )
            or "un formulaire"
        )
        raise ElementIntrouvable(
            f"aucun formulaire avec {cherche} sur l'écran {self.resume()} ; boutons présents : "
            f"{proches(bouton or '', boutons, 5)} ; champs présents : "
            f"{proches(champs[0] if champs else '', presents, 5)}"
        )
