"""The way into the portal without a browser (home, identification, password, réassort,
initialisation, activation, logout): the first half of the harness's one HTTP journey
(`harnais/parcours_http.py` adds the vote), driven by the Locust personas and the HTTP
tests alike, each over its own client (`harnais/navigation.py`).

Every step reads the screen as a user would: it fills the form that holds the vocabulary's
labels and button, and judges the outcome by the words the screen shows (`[titres]`,
`[messages]`), never by an HTTP status. A rate limit (429) or a server error is still a
failure, whatever the page says. With `verifier=False` (the HTTP tests, which assert
themselves) the steps only act and return the screen reached.
"""

from __future__ import annotations

from collections.abc import Callable

from harnais.ecran import Ecran
from harnais.erreurs_ecran import EcranInattendu, ElementIntrouvable
from harnais.formulaire import Formulaire
from harnais.navigation import Navigation, Verification, chemin_de
from harnais.vocabulaire import Vocabulaire, vocabulaire

# Statuses that are a failure whatever the page says: refused for load, or broken.
_REFUS = {429: "trop de requêtes", 503: "service indisponible"}


class ParcoursAcces:
    """One voter's browser-less session: the screen last shown, the forms it holds."""

    def __init__(
        self,
        naviguer: Navigation,
        lire_captcha: Callable[[], str],
        voc: Vocabulaire | None = None,
        verifier: bool = True,
    ) -> None:
        self._naviguer = naviguer
        self._lire_captcha = lire_captcha
        self.voc = voc or vocabulaire()
        self.verifier = verifier
        self.ecran: Ecran | None = None

    # Moving about ---------------------------------------------------------------------

    def _attente(self, attendu: str | None, nom: str) -> Verification | None:
        if not self.verifier:
            return None

        def verifier(ecran: Ecran) -> None:
            if ecran.statut in _REFUS or ecran.statut >= 500:
                raison = _REFUS.get(ecran.statut, "erreur du serveur")
                raise EcranInattendu(
                    f"{nom} : le portail a refusé ({raison}), écran {ecran.resume()}"
                )
            if attendu is not None:
                ecran.exiger(attendu, nom)

        return verifier

    def ouvrir(self, chemin: str, nom: str, attendu: str | None = None) -> Ecran:
        """GET a screen (a path, or a URL of which only the path counts); check it says
        `attendu`."""
        verifier = self._attente(attendu, nom)
        self.ecran = self._naviguer("GET", chemin_de(chemin), None, nom, verifier)
        return self.ecran

    def suivre(self, lien: str, nom: str, attendu: str | None = None) -> Ecran:
        """Follow the link named `lien` on the current screen."""
        return self.ouvrir(self._courant(nom).lien(lien), nom, attendu)

    def envoyer(
        self, formulaire: Formulaire, bouton: str | None, nom: str, attendu: str | None
    ) -> Ecran:
        """Press `bouton` of `formulaire`; check the screen reached says `attendu`."""
        envoi = formulaire.envoi(bouton)
        corps = envoi.corps() if envoi.methode == "POST" else None
        chemin = chemin_de(envoi.url)
        if envoi.methode == "GET" and envoi.donnees:
            chemin = f"{chemin.split('?')[0]}?{envoi.corps()}"
        self.ecran = self._naviguer(envoi.methode, chemin, corps, nom, self._attente(attendu, nom))
        return self.ecran

    def _courant(self, nom: str) -> Ecran:
        if self.ecran is None:
            raise EcranInattendu(f"{nom} : aucun écran ouvert")
        return self.ecran

    def formulaire(
        self, bouton: str, champs: tuple[str, ...] = (), sinon: str | None = None, nom: str = ""
    ) -> Formulaire:
        """The form of the current screen with this button and fields; if the screen has
        none and `sinon` names a path, that screen is opened first (as a user would go
        back to it)."""
        if self.ecran is not None:
            try:
                return self.ecran.formulaire(bouton, champs)
            except ElementIntrouvable:
                # The button is there but not a label: that is the failure. No such
                # button: another screen is shown, go to the one the form lives on.
                if sinon is None or any(f.a_le_bouton(bouton) for f in self.ecran.formulaires()):
                    raise
        if sinon is None:
            raise EcranInattendu(f"{nom} : aucun écran ouvert")
        return self.ouvrir(sinon, nom or sinon).formulaire(bouton, champs)

    def captcha(self, nom: str = "captcha.png") -> str:
        """Load the CAPTCHA image the screen shows, then learn its digits (bypass code or
        test hook): a CAPTCHA is read after its image was served."""
        ecran = self._courant(nom)
        image = ecran.image(self.voc.titres.captcha) or self.voc.chemins.captcha_image

        def servie(reponse: Ecran) -> None:
            if reponse.statut >= 400:
                raise EcranInattendu(f"image du CAPTCHA {image} : statut {reponse.statut}")

        self._naviguer("GET", chemin_de(image), None, nom, servie if self.verifier else None)
        return self._lire_captcha()

    # The way in -----------------------------------------------------------------------

    def arriver(self) -> Ecran:
        """The home page, then its « ACCÉDER AU PORTAIL ÉLECTIONS » link."""
        voc = self.voc
        self.ouvrir(voc.chemins.accueil, "accueil", voc.liens.acceder)
        return self.suivre(voc.liens.acceder, "identification", voc.messages.page_identification)

    def s_identifier(
        self,
        identifiant: str,
        captcha: str | None = None,
        attendu: str | None = None,
        nom: str = "identification: envoi",
    ) -> Ecran:
        """Fill Identifiant and CAPTCHA (read off the image unless given), press CONNEXION;
        by default the password screen is expected."""
        voc = self.voc
        form = self.formulaire(
            voc.boutons.connexion,
            (voc.champs.identifiant, voc.champs.captcha),
            sinon=voc.chemins.identification,
            nom="identification",
        )
        code = self.captcha() if captcha is None else captcha
        form.remplir(voc.champs.identifiant, identifiant).remplir(voc.champs.captcha, code)
        attendu = voc.titres.mot_de_passe if attendu is None else attendu
        return self.envoyer(form, voc.boutons.connexion, nom, attendu)

    def mot_de_passe(
        self, mot_de_passe: str, attendu: str | None = None, nom: str = "mot de passe: envoi"
    ) -> Ecran:
        """Type the Élections password and press CONNEXION; by default the voter space is
        expected."""
        voc = self.voc
        form = self.formulaire(
            voc.boutons.connexion,
            (voc.champs.mot_de_passe,),
            sinon=voc.chemins.mot_de_passe,
            nom="mot de passe",
        )
        form.remplir(voc.champs.mot_de_passe, mot_de_passe)
        return self.envoyer(
            form, voc.boutons.connexion, nom, voc.titres.espace if attendu is None else attendu
        )

    def demander_reassort(self) -> Ecran:
        """Press « Besoin du réassort… » on the password screen: the mail is announced."""
        voc = self.voc
        form = self.formulaire(
            voc.boutons.reassort, sinon=voc.chemins.mot_de_passe, nom="mot de passe"
        )
        return self.envoyer(
            form, voc.boutons.reassort, "réassort: demande", voc.messages.mail_envoye
        )

    def suivre_lien_mail(self, lien: str) -> Ecran:
        """Open the mailed réassort link (a new window: only its path counts)."""
        return self.ouvrir(lien, "réassort: lien", self.voc.titres.initialisation)

    def initialiser(
        self, mot_de_passe: str, confirmation: str | None = None, captcha: str | None = None
    ) -> Ecran:
        """Choose the password, confirm it, copy the CAPTCHA, press CONNEXION: the
        activation screen is expected."""
        voc, champs = self.voc, self.voc.champs
        form = self.formulaire(
            voc.boutons.connexion,
            (champs.nouveau_mot_de_passe, champs.confirmation, champs.captcha),
            sinon=voc.chemins.initialisation,
            nom="initialisation",
        )
        code = self.captcha() if captcha is None else captcha
        form.remplir(champs.nouveau_mot_de_passe, mot_de_passe)
        form.remplir(champs.confirmation, mot_de_passe if confirmation is None else confirmation)
        form.remplir(champs.captcha, code)
        return self.envoyer(
            form, voc.boutons.connexion, "initialisation: envoi", voc.messages.page_activation
        )

    def activer(
        self, reponse: str | None, confirmation: str | None = None, question: str | None = None
    ) -> Ecran:
        """« ACTIVER SON COMPTE » with a challenge (`question`, by default the first the
        list offers) and its answer; « ACCÈS SANS ACTIVATION » with `reponse` None."""
        voc, champs = self.voc, self.voc.champs
        if reponse is None:
            form = self.formulaire(
                voc.boutons.sans_activation, sinon=voc.chemins.activation, nom="activation"
            )
            return self.envoyer(
                form, voc.boutons.sans_activation, "activation: sans activation", voc.titres.espace
            )
        form = self.formulaire(
            voc.boutons.activer,
            (champs.defi, champs.reponse, champs.confirmation_reponse),
            sinon=voc.chemins.activation,
            nom="activation",
        )
        if question is None:
            questions = form.options(champs.defi)
            if not questions:
                raise ElementIntrouvable(f"liste « {champs.defi} » : aucune question défi")
            question = questions[0]
        form.choisir(champs.defi, question).remplir(champs.reponse, reponse)
        form.remplir(champs.confirmation_reponse, reponse if confirmation is None else confirmation)
        return self.envoyer(form, voc.boutons.activer, "activation: envoi", voc.titres.espace)

    def se_deconnecter(self) -> Ecran:
        """« SE DÉCONNECTER » (from the voter space, reached back if needed): the home
        page is expected."""
        voc = self.voc
        form = self.formulaire(voc.boutons.deconnexion, sinon=voc.chemins.espace, nom="espace")
        return self.envoyer(form, voc.boutons.deconnexion, "déconnexion", voc.liens.acceder)
