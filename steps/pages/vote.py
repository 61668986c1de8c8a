"""The vote's screens: code de vote, scrutins, candidate lists, confirmation, receipt,
réassort of the code de vote, and the verification page."""

from __future__ import annotations

import re

from playwright.sync_api import Locator

from steps.pages._base import Ecran

# One radio of an ARIA snapshot: `- radio "Liste A" [checked]`.
RADIO = re.compile(r'^\s*- radio "((?:[^"\\]|\\.)*)"', re.M)


class PageCodeVote(Ecran):
    """« JE VOTE »: the code de vote."""

    @property
    def champ_code(self) -> Locator:
        """The code de vote input."""
        return self.champ(self.voc.vote.champ_code)

    def ouvrir(self) -> PageCodeVote:
        """Load the vote's entry (the code de vote) by its path."""
        self.page.goto(self.voc.vote.chemin)
        return self

    def valider(self, code: str) -> None:
        """Type the code and press « VALIDER »."""
        self.champ_code.fill(code)
        with self.page.expect_navigation():
            self.bouton(self.voc.vote.bouton_valider_code).click()

    def demander_nouveau_code(self) -> None:
        """Follow « Code de vote perdu ? … »."""
        self.lien(self.voc.vote.lien_reassort_code).click()


class PageScrutins(Ecran):
    """The voter's scrutins: a link per scrutin still to vote, « A voté » for the others."""

    @property
    def entete(self) -> Locator:
        """The page heading."""
        return self.page.get_by_role("heading", name=self.voc.vote.titre_scrutins, level=1)

    def ouvrir(self) -> PageScrutins:
        """Load the list of the voter's scrutins by its path."""
        self.page.goto(self.voc.vote.chemin_scrutins)
        return self

    @property
    def a_voter(self) -> Locator:
        """The links of the scrutins still open to this voter."""
        return self.contenu.get_by_role("listitem").get_by_role("link")

    def ligne(self, scrutin: str) -> Locator:
        """The list item of one scrutin."""
        return self.contenu.get_by_role("listitem").filter(has_text=scrutin)

    def lien_scrutin(self, scrutin: str) -> Locator:
        """The link that opens this scrutin (none once voted)."""
        return self.page.get_by_role("link", name=scrutin, exact=True)

    @property
    def marques_a_vote(self) -> Locator:
        """Every « A voté » of the list."""
        return self.contenu.get_by_text(self.voc.vote.etat_a_vote)

    def choisir(self, scrutin: str) -> None:
        """Open one scrutin's page."""
        self.page.get_by_role("link", name=scrutin, exact=True).click()


class PageListes(Ecran):
    """One scrutin: its candidate lists, one to choose, « JE VEUX VOTER »."""

    @property
    def groupe(self) -> Locator:
        """The group of the candidate lists."""
        return self.page.get_by_role("group", name=self.voc.vote.groupe_listes)

    @property
    def listes(self) -> Locator:
        """One radio per candidate list."""
        return self.groupe.get_by_role("radio")

    def noms(self) -> list[str]:
        """The names of the candidate lists, in the ballot's order, as the accessibility
        tree names their radios (whatever labels them)."""
        return [n.replace('\\"', '"') for n in RADIO.findall(self.groupe.aria_snapshot())]

    def je_veux_voter(self, liste: str | None) -> None:
        """Choose a list (None: none) and press « JE VEUX VOTER ». Without a list, a
        portal may refuse in the page itself (its script) or in its answer: no navigation
        is awaited then, the step reads the alert whichever way it comes."""
        bouton = self.bouton(self.voc.vote.bouton_je_veux_voter)
        if liste is None:
            bouton.click()
            return
        self.groupe.get_by_label(liste, exact=True).check()
        with self.page.expect_navigation():
            bouton.click()


class PageConfirmation(Ecran):
    """Only the list chosen, then « JE VOTE »."""

    @property
    def bouton_je_vote(self) -> Locator:
        """« JE VOTE »."""
        return self.bouton(self.voc.vote.bouton_je_vote)

    @property
    def choix(self) -> Locator:
        """Radios left to choose from (none: only the list chosen is shown)."""
        return self.contenu.get_by_role("radio")

    def dans_un_second_onglet(self) -> PageConfirmation:
        """The same confirmation opened in a second tab of the same browser, as « ouvrir
        dans un nouvel onglet » from the page does (a page's own state, sessionStorage,
        goes with it: a portal that keeps the choice in the browser finds it there)."""
        with self.page.context.expect_page() as ouverture:
            self.page.evaluate("() => { window.open(window.location.href); }")
        onglet = ouverture.value
        onglet.wait_for_load_state()
        return PageConfirmation(onglet)

    def modifier(self) -> None:
        """« MODIFIER MON CHOIX »."""
        self.lien(self.voc.vote.lien_modifier).click()

    def je_vote(self) -> None:
        """Press « JE VOTE »."""
        with self.page.expect_navigation():
            self.bouton_je_vote.click()


class PageAccuse(Ecran):
    """« Accusé de réception »: the fingerprint and the proof to download."""

    @property
    def entete(self) -> Locator:
        """The page heading."""
        return self.titre(self.voc.vote.titre_accuse)

    def empreinte(self) -> str:
        """The fingerprint printed on the receipt."""
        texte = self.contenu.inner_text()
        trouve = re.search(self.voc.vote.motif_empreinte, texte)
        assert trouve, f"aucune empreinte sur l'accusé de réception :\n{texte}"
        return trouve.group(0)

    def telecharger_preuve(self) -> str:
        """Download the proof of vote; return its text."""
        with self.page.expect_download() as attente:
            self.lien(self.voc.vote.lien_preuve).click()
        chemin = attente.value.path()
        return chemin.read_text(encoding="utf-8")

    def autre_scrutin(self) -> None:
        """« VOTER POUR UN AUTRE SCRUTIN »."""
        self.lien(self.voc.vote.lien_autre_scrutin).click()


class PageReassortCode(Ecran):
    """Réassort of the code de vote: the answer to the question défi."""

    def repondre(self, reponse: str) -> None:
        """Type the secret answer and ask for a new code."""
        self.champ(self.voc.vote.champ_reponse_defi).fill(reponse)
        with self.page.expect_navigation():
            self.bouton(self.voc.vote.bouton_nouveau_code).click()


class PageVerification(Ecran):
    """« Vérifier mon vote »: a fingerprint looked up in the published list."""

    def verifier(self, empreinte: str) -> None:
        """Open the page, type the fingerprint, press « VÉRIFIER »."""
        self.page.goto(self.voc.vote.chemin_verification)
        self.champ(self.voc.vote.champ_empreinte).fill(empreinte)
        with self.page.expect_navigation():
            self.bouton(self.voc.vote.bouton_verifier).click()
