"""One HTML form filled and sent as a browser user would, without a browser.

Fields are found by their accessible name (the label a user reads), never by their HTML
`name`; every hidden input travels whatever its name (an anti-forgery token is one of
them); the button pressed is the only one whose name and value are sent, so that a
portal may tell « ACTIVER SON COMPTE » from « ACCÈS SANS ACTIVATION » by two buttons of
different names or one name with two values; an `<option>` is picked by its text, its
value being whatever the portal chose (an index, say); the request goes where the form
(or the pressed button's `formaction`) says, with its method.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode, urljoin

from selectolax.lexbor import LexborNode

from harnais.erreurs_ecran import ElementIntrouvable
from harnais.html_accessible import choisir, correspond, proches, texte

# Inputs a user types into (an unknown type reads as text, as browsers do).
_SAISIES_EXCLUES = frozenset(
    {"hidden", "submit", "button", "image", "reset", "radio", "checkbox", "file"}
)


@dataclass(frozen=True)
class Envoi:
    """The request a form's submission makes: method, absolute URL, encoded pairs."""

    methode: str
    url: str
    donnees: tuple[tuple[str, str], ...]

    def corps(self) -> str:
        """The pairs as `application/x-www-form-urlencoded`, in the form's order."""
        return urlencode(self.donnees)


@dataclass(frozen=True)
class Controle:
    """One control of a form, read once: its node, attributes, kind and accessible name."""

    noeud: LexborNode
    attributs: dict[str, str | None]
    genre: str  # the tag, or an input's type
    nom: str

    @property
    def envoi(self) -> bool:
        """Whether pressing it submits the form."""
        if self.genre == "button":
            return (self.attributs.get("type") or "submit").lower() == "submit"
        return self.genre in ("submit", "image")

    @property
    def cle(self) -> int:
        """Identity of the node, to remember what the user typed in it."""
        return self.noeud.mem_id

    @staticmethod
    def lire(
        noeud: LexborNode, nom: Callable[[LexborNode, dict[str, str | None]], str]
    ) -> Controle:
        """The control of `noeud`, named by `nom` (the page's accessible-name reader)."""
        attributs = noeud.attributes
        tag = noeud.tag or ""
        genre = (attributs.get("type") or "text").lower() if tag == "input" else tag
        return Controle(noeud, attributs, genre, nom(noeud, attributs))


def _texte_option(option: LexborNode) -> str:
    return texte(option) or (option.attributes.get("label") or "")


def _valeur_option(option: LexborNode) -> str:
    valeur = option.attributes.get("value")
    return valeur if valeur is not None else texte(option)


class Formulaire:
    """A form of a page, its controls (those it owns, `form=` included) and what the user
    filled in so far; `envoi(bouton)` gives the request that pressing `bouton` makes."""

    def __init__(self, form: LexborNode, controles: list[Controle], url: str) -> None:
        self._form = form
        self._controles = controles
        self._url = url
        self._saisies: dict[int, str] = {}
        self._coches: dict[int, bool] = {}
        self._retires: set[int] = set()

    # What the form holds --------------------------------------------------------------

    def boutons(self) -> list[str]:
        """The accessible names of the form's submit buttons, in order."""
        return [c.nom for c in self._controles if c.envoi]

    def champs(self) -> list[str]:
        """The accessible names of the fields a user fills, checks or picks in."""
        return [
            c.nom
            for c in self._controles
            if not c.envoi and c.genre not in ("hidden", "button", "reset")
        ]

    def a_le_bouton(self, nom: str) -> bool:
        """Whether one of the form's submit buttons bears this name."""
        return bool(choisir(self.boutons(), nom))

    def a_le_champ(self, nom: str) -> bool:
        """Whether one of the form's fields bears this label."""
        return bool(choisir(self.champs(), nom))

    def _trouver(self, nom: str, quoi: str, admis: frozenset[str] | None) -> Controle:
        """The control named `nom` among those of the kinds `admis` (None: text inputs)."""
        candidats = [
            c
            for c in self._controles
            if (c.genre in admis if admis is not None else c.genre not in _SAISIES_EXCLUES)
            and not c.envoi
        ]
        presents = [c.nom for c in candidats]
        retenus = choisir(presents, nom)
        # Several labels containing the words: the first, as a browser step's `.first`;
        # several labels that are the words exactly: a real ambiguity.
        if len(retenus) == 1 or (retenus and not correspond(presents[retenus[1]], nom)):
            return candidats[retenus[0]]
        if not retenus:
            raise ElementIntrouvable(
                f"{quoi} « {nom} » introuvable dans le formulaire ; les plus proches : "
                f"{proches(nom, presents)}"
            )
        raise ElementIntrouvable(
            f"{quoi} « {nom} » ambigu : {', '.join(f'« {presents[i]} »' for i in retenus)}"
        )

    # What the user does ----------------------------------------------------------------

    def remplir(self, nom: str, valeur: str) -> Formulaire:
        """Type `valeur` into the text field (or text area) labelled `nom`."""
        self._saisies[self._trouver(nom, "champ", None).cle] = valeur
        return self

    def options(self, nom: str) -> list[str]:
        """The texts of the options of the list labelled `nom`."""
        liste = self._trouver(nom, "liste", frozenset({"select"}))
        return [_texte_option(o) for o in liste.noeud.css("option")]

    def choisir(self, nom: str, option: str) -> Formulaire:
        """Pick in the list labelled `nom` the option whose text is `option`."""
        liste = self._trouver(nom, "liste", frozenset({"select"}))
        offertes = liste.noeud.css("option")
        textes = [_texte_option(o) for o in offertes]
        retenues = choisir(textes, option)
        if len(retenues) != 1:
            raise ElementIntrouvable(
                f"option « {option} » de la liste « {nom} » introuvable ou ambiguë ; "
                f"les plus proches : {proches(option, textes)}"
            )
        self._saisies[liste.cle] = _valeur_option(offertes[retenues[0]])
        return self

    def cocher(self, nom: str) -> Formulaire:
        """Check the radio button or checkbox labelled `nom` (a radio unchecks its group)."""
        case = self._trouver(nom, "case", frozenset({"radio", "checkbox"}))
        groupe = case.attributs.get("name")
        if case.genre == "radio" and groupe:
            for autre in self._controles:
                if autre.genre == "radio" and autre.attributs.get("name") == groupe:
                    self._coches[autre.cle] = False
        self._coches[case.cle] = True
        return self

    def cochee(self) -> tuple[str, str] | None:
        """The label and value of the radio button checked (by the user or the page)."""
        for c in self._controles:
            if c.genre == "radio" and self._coches.get(c.cle, "checked" in c.attributs):
                return c.nom, c.attributs.get("value") or "on"
        return None

    # What a page's script does -----------------------------------------------------------

    def poser_cache(self, nom: str, valeur: str) -> Formulaire:
        """Set the hidden input of HTML name `nom`, as the page's script would (a proof,
        a ballot built in the browser)."""
        caches = [
            c for c in self._controles if c.genre == "hidden" and c.attributs.get("name") == nom
        ]
        if not caches:
            raise ElementIntrouvable(f"champ caché « {nom} » introuvable dans le formulaire")
        self._saisies[caches[0].cle] = valeur
        return self

    def retirer(self, nom: str) -> Formulaire:
        """Leave out of the request the field labelled `nom`, as a page's script does
        when it disables it (the code de vote, never sent)."""
        self._retires.add(self._trouver(nom, "champ", None).cle)
        return self

    def cases(self, genre: str = "radio") -> list[str]:
        """The labels of the form's radio buttons (or checkboxes), in order."""
        return [c.nom for c in self._controles if c.genre == genre]

    def case_de_valeur(self, valeur: str, genre: str = "radio") -> str | None:
        """The label of the radio button (or checkbox) whose value is `valeur`, or None:
        what a voter decided ahead (a load injector's reserved ballot) is found so."""
        for c in self._controles:
            if c.genre == genre and c.attributs.get("value") == valeur:
                return c.nom
        return None

    # What the browser sends ------------------------------------------------------------

    def _paires(self, controle: Controle) -> list[tuple[str, str]]:
        """The name/value pairs one (non-button) control contributes, as HTML says."""
        attributs, genre, cle = controle.attributs, controle.genre, controle.cle
        nom = attributs.get("name")
        if not nom or "disabled" in attributs or cle in self._retires:
            return []
        if genre in ("radio", "checkbox"):
            coche = self._coches.get(cle, "checked" in attributs)
            return [(nom, attributs.get("value") or "on")] if coche else []
        if genre == "select":
            if cle in self._saisies:
                return [(nom, self._saisies[cle])]
            options = controle.noeud.css("option")
            choisies = [o for o in options if "selected" in o.attributes] or options[:1]
            return [(nom, _valeur_option(o)) for o in choisies]
        if genre == "textarea":
            return [(nom, self._saisies.get(cle, controle.noeud.text()))]
        if genre in ("file", "reset", "button") or controle.envoi:
            return []
        return [(nom, self._saisies.get(cle, attributs.get("value") or ""))]

    def envoi(self, bouton: str | None = None) -> Envoi:
        """The request made by pressing the submit button named `bouton` (None: the first
        one, as the Enter key does): only that button's own name and value are sent."""
        envois = [c for c in self._controles if c.envoi]
        presse: Controle | None = None
        if bouton is not None:
            noms = [c.nom for c in envois]
            retenus = choisir(noms, bouton)
            if len(retenus) != 1:
                raise ElementIntrouvable(
                    f"bouton « {bouton} » introuvable ou ambigu dans le formulaire ; "
                    f"les plus proches : {proches(bouton, noms)}"
                )
            presse = envois[retenus[0]]
        elif envois:
            presse = envois[0]
        paires: list[tuple[str, str]] = []
        for controle in self._controles:
            if controle is presse:
                nom = controle.attributs.get("name")
                if nom:
                    paires.append((nom, controle.attributs.get("value") or ""))
            elif not controle.envoi:
                paires += self._paires(controle)
        attributs_form = self._form.attributes
        boutons = presse.attributs if presse is not None else {}
        action = boutons.get("formaction") or attributs_form.get("action") or ""
        methode = (boutons.get("formmethod") or attributs_form.get("method") or "get").upper()
        return Envoi(
            "POST" if methode == "POST" else "GET", urljoin(self._url, action), tuple(paires)
        )

    def caches(self) -> dict[str, str]:
        """The form's hidden inputs, by name (what travels unseen with every submission)."""
        return {
            c.attributs.get("name") or "": c.attributs.get("value") or ""
            for c in self._controles
            if c.genre == "hidden" and c.attributs.get("name")
        }
