"""The encrypted vote done as the voter's browser does it, without a browser: for the
HTTP journey (`harnais/parcours_http.py`), the HTTP tests and the Locust Votant persona.

A page of the encrypted vote says, in its `<meta>` elements, where the public parameters
are (`election-parametres`), their fingerprint φ (`election-empreinte`), the voter the
derivation is salted with (`vote-electeur`), the challenge of the code de vote screen
(`vote-defi`) and the scrutin's id (`vote-scrutin`). As the page's module does, this
checks the parameters against φ, derives x from the code de vote, answers the challenge
with a proof of possession, keeps the choice here, and builds the ballot with the same
protocol (chiffrement/, the Python twin of the browser's module). Nothing of the choice
is ever sent but the ballot.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from chiffrement.bulletin import construire_bulletin
from chiffrement.credential import deriver_secret
from chiffrement.erreurs import ErreurChiffrement
from chiffrement.hachage import json_canonique
from chiffrement.parametres import Parametres, lire_parametres
from chiffrement.possession import prouver_possession
from harnais.ecran import Ecran
from harnais.erreurs_ecran import EcranInattendu
from harnais.reserve_bulletins import ReserveBulletins


class ParametresRefuses(EcranInattendu):
    """The parameters served are not those of the fingerprint the page shows: the browser
    refuses to vote, and so does the harness."""


@dataclass(frozen=True)
class PageVote:
    """What a page of the encrypted vote gives its module."""

    parametres: str
    empreinte: str
    electeur: str
    defi: str
    scrutin: str


def lire_page(ecran: Ecran) -> PageVote | None:
    """The page's encrypted-vote data, or None (a page, or a portal, without it)."""
    metas: dict[str, str] = {}
    for noeud in ecran.arbre.css("meta[name]"):
        nom, contenu = noeud.attributes.get("name"), noeud.attributes.get("content")
        if nom and contenu is not None:
            metas[nom] = contenu
    if "election-parametres" not in metas or "election-empreinte" not in metas:
        return None
    return PageVote(
        metas["election-parametres"],
        metas["election-empreinte"],
        metas.get("vote-electeur", ""),
        metas.get("vote-defi", ""),
        metas.get("vote-scrutin", ""),
    )


@lru_cache(maxsize=8)
def _parametres_lus(texte: str, empreinte: str) -> Parametres:
    """The parameters of these exact bytes, checked against φ. Every voter's browser
    fetches them (the request is made each time); reading and checking the same bytes
    again gives the same answer, so a process of simulated voters does it once per
    distinct text (a refusal is not kept: it is raised again each time)."""
    return lire_parametres(json.loads(texte), empreinte)


# GET a URL (of the portal under test) and return the body's text.
Charger = Callable[[str], str]


class VoteChiffre:
    """One voter's browser memory: the checked parameters, x (as sessionStorage keeps
    it), the choice kept between « JE VEUX VOTER » and « JE VOTE ».

    With a `reserve` (a load injector's ballots built ahead, harnais/reserve_bulletins.py),
    x and the ballots come from it, and the voter chooses the list its reserved ballot is
    for; what the reserve lacks is derived or built here, as without one."""

    def __init__(self, charger: Charger, reserve: ReserveBulletins | None = None) -> None:
        self._charger = charger
        self._reserve = reserve
        self._parametres: Parametres | None = None
        self._secret: tuple[str, int] | None = None
        self.choix: tuple[str, int, str] | None = None

    def parametres(self, page: PageVote) -> Parametres:
        """The parameters the page points at, checked against the φ it shows."""
        if self._parametres is not None and self._parametres.empreinte == page.empreinte:
            return self._parametres
        try:
            self._parametres = _parametres_lus(self._charger(page.parametres), page.empreinte)
        except (ValueError, ErreurChiffrement) as exc:
            raise ParametresRefuses(
                f"paramètres de l'élection refusés ({page.parametres}, empreinte affichée "
                f"{page.empreinte}) : {exc}"
            ) from None
        return self._parametres

    def prouver_code(self, page: PageVote, code: str) -> str:
        """Derive x from the code de vote, keep it, and answer the page's challenge: the
        proof (canonical JSON), the one thing posted."""
        par = self.parametres(page)
        x = None if self._reserve is None else self._reserve.secret(page.electeur)
        if x is None:
            x = deriver_secret(code, par.election, page.electeur, par.iterations)
        self._secret = (page.electeur, x)
        return json_canonique(
            prouver_possession(x, par.empreinte, page.electeur, page.defi)
        ).decode()

    def indice_prevu(self, page: PageVote) -> int | None:
        """The list this voter means to choose on this scrutin's page, when its ballot was
        built ahead (the reserve's); None leaves the choice to the journey."""
        if self._reserve is None or not page.scrutin:
            return None
        return self._reserve.indice_prevu(page.electeur, page.scrutin)

    def choisir(self, page: PageVote, indice: int, libelle: str) -> None:
        """« JE VEUX VOTER »: the choice kept here, never sent."""
        self.choix = (page.scrutin, indice, libelle)

    def bulletin(self, page: PageVote) -> str:
        """« JE VOTE »: the ballot of the kept choice, encrypted, proven and signed by x
        (canonical JSON); the choice is then forgotten."""
        if self.choix is None or self.choix[0] != page.scrutin:
            raise EcranInattendu(
                f"vote: JE VOTE : aucun choix gardé pour le scrutin {page.scrutin}"
            )
        if self._secret is None or self._secret[0] != page.electeur:
            raise EcranInattendu(
                "vote: JE VOTE : le code de vote n'a pas été saisi pour cet électeur"
            )
        indice, self.choix = self.choix[1], None
        if self._reserve is not None:
            pret = self._reserve.prendre(page.electeur, page.scrutin, indice)
            if pret is not None:
                return pret
            self._reserve.construit()
        par = self.parametres(page)
        bulletin = construire_bulletin(par, page.scrutin, [indice], self._secret[1])
        return json_canonique(bulletin).decode()
