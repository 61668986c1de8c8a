"""The harness's one HTTP journey: the way in (`harnais/parcours_acces.py`) and the vote's
screens (code de vote, scrutins, list, « JE VOTE »), read as a user reads them.

Used by the Locust personas (`load/portail.py`) and the HTTP tests (`tests/conftest.py`)
alike, each over its own navigation (`harnais/navigation.py`).
"""

from __future__ import annotations

from collections.abc import Callable

from harnais.ecran import Ecran
from harnais.erreurs_ecran import ElementIntrouvable
from harnais.navigation import chemin_de
from harnais.parcours_acces import ParcoursAcces
from harnais.reserve_bulletins import ReserveBulletins
from harnais.vote_chiffre import VoteChiffre, lire_page


class ParcoursHttp(ParcoursAcces):
    """A voter's browser-less session, from the home page to the last ballot. On a portal
    whose vote is encrypted in the browser (its pages say so: `harnais/vote_chiffre.py`),
    it does what the page's module does: proof of the code de vote, choice kept here,
    ballot built here."""

    _vote_chiffre: VoteChiffre | None = None
    # A load injector's ballots built ahead (harnais/reserve_bulletins.py), if it has any.
    reserve: ReserveBulletins | None = None

    @property
    def vote_chiffre(self) -> VoteChiffre:
        """This voter's browser memory for the encrypted vote."""
        if self._vote_chiffre is None:

            def charger(url: str) -> str:
                return self._naviguer("GET", chemin_de(url), None, "vote: paramètres", None).html

            self._vote_chiffre = VoteChiffre(charger, self.reserve)
        return self._vote_chiffre

    def ouvrir_vote(self, code: str, attendu: str | None = None) -> Ecran:
        """« JE VOTE » (the voter space's link, or the vote's path), then the code de vote
        and « VALIDER »; by default the scrutins screen is expected."""
        vote = self.voc.vote
        if self.ecran is not None and any(n == vote.lien_je_vote for n, _ in self.ecran.liens()):
            self.suivre(vote.lien_je_vote, "vote: code", vote.champ_code)
        else:
            self.ouvrir(vote.chemin, "vote: code", vote.champ_code)
        form = self.formulaire(vote.bouton_valider_code, (vote.champ_code,))
        page = lire_page(self._courant("vote: code"))
        if page is None or not page.defi:
            form.remplir(vote.champ_code, code)
        else:
            form.poser_cache("preuve", self.vote_chiffre.prouver_code(page, code))
            form.retirer(vote.champ_code)
        return self.envoyer(
            form,
            vote.bouton_valider_code,
            "vote: code envoi",
            vote.titre_scrutins if attendu is None else attendu,
        )

    def scrutins_a_voter(self) -> list[str]:
        """The paths of the scrutins the current screen offers to vote (its links under
        the vocabulary's scrutin path), in order."""
        prefixe = self.voc.vote.chemin_scrutin
        ecran = self._courant("vote: scrutins")
        return [c for c in (chemin_de(u) for _, u in ecran.liens()) if c.startswith(prefixe)]

    def choisir_liste(self, scrutin: str, liste: str | Callable[[list[str]], str]) -> Ecran:
        """Open one scrutin's screen (its path), check the list named `liste` (or the one
        `liste` picks among those offered) and press « JE VEUX VOTER »: the confirmation,
        with its « MODIFIER MON CHOIX », is expected."""
        vote = self.voc.vote
        self.ouvrir(scrutin, "vote: listes", vote.bouton_je_veux_voter)
        form = self.formulaire(vote.bouton_je_veux_voter)
        page = lire_page(self._courant("vote: listes"))
        prevu = None if page is None else self.vote_chiffre.indice_prevu(page)
        if prevu is not None and not isinstance(liste, str):
            # The voter's ballot was built ahead for that list: the voter chooses it.
            liste = form.case_de_valeur(str(prevu)) or liste
        if not isinstance(liste, str):
            offertes = form.cases("radio")
            if not offertes:
                raise ElementIntrouvable(
                    f"vote: listes : aucune liste de candidats sur l'écran {self.ecran_resume()}"
                )
            liste = liste(offertes)
        form.cocher(liste)
        cochee = form.cochee()
        if page is None or not page.scrutin or cochee is None:
            return self.envoyer(form, vote.bouton_je_veux_voter, "vote: choix", vote.lien_modifier)
        # The page's module keeps the choice and opens the confirmation: nothing is sent.
        self.vote_chiffre.choisir(page, int(cochee[1]), cochee[0])
        return self.ouvrir(form.envoi().url, "vote: choix", vote.lien_modifier)

    def je_vote(self) -> Ecran:
        """« JE VOTE » on the confirmation: the receipt is expected."""
        vote = self.voc.vote
        form = self.formulaire(vote.bouton_je_vote, nom="vote: JE VOTE")
        page = lire_page(self._courant("vote: JE VOTE"))
        if page is not None and page.scrutin:
            form.poser_cache("bulletin", self.vote_chiffre.bulletin(page))
        return self.envoyer(form, vote.bouton_je_vote, "vote: JE VOTE", vote.titre_accuse)

    def voter(self, code: str, combien: int, choix: Callable[[list[str]], str]) -> int:
        """Open the vote with `code`, then vote in `combien` of the scrutins still to vote
        (all of them if fewer), the list picked by `choix` (random.choice, say); return
        how many receipts the portal gave."""
        self.ouvrir_vote(code)
        a_voter = self.scrutins_a_voter()
        if not a_voter:
            raise ElementIntrouvable(
                f"vote: scrutins : aucun lien de scrutin à voter sur l'écran {self.ecran_resume()}"
            )
        deposes = 0
        for scrutin in a_voter[:combien]:
            self.choisir_liste(scrutin, choix)
            self.je_vote()
            deposes += 1
        return deposes

    def ecran_resume(self) -> str:
        """The current screen's title and status, for a message."""
        return self.ecran.resume() if self.ecran is not None else "(aucun)"

    def se_deconnecter(self) -> Ecran:
        """Back to the voter space by its link when the screen offers it (a receipt does),
        then « SE DÉCONNECTER »."""
        vote = self.voc.vote
        ecran = self.ecran
        if (
            ecran is not None
            and not any(f.a_le_bouton(self.voc.boutons.deconnexion) for f in ecran.formulaires())
            and any(n == vote.lien_retour_espace for n, _ in ecran.liens())
        ):
            self.suivre(vote.lien_retour_espace, "espace", self.voc.titres.espace)
        return super().se_deconnecter()
