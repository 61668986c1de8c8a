"""Typed errors raised by the domain; each carries the French message shown to the voter
and the HTTP status of the page that shows it (`web.form_again` turns any of them into
the form shown again)."""

from __future__ import annotations

from typing import Any


class PortalError(Exception):
    """A rule of the portal refused the request; `message` is shown as is."""

    message = "Une erreur est survenue."
    status_code = 400
    # The id of the form field the error is about (aria-invalid, aria-describedby).
    champ: str | None = None

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)
        if message:
            self.message = message

    def context(self) -> dict[str, Any]:
        """What the page shows of this error (templates read `erreur`), and the field in
        error, which the page marks invalid and ties to the message."""
        return {"erreur": self.message, "champ_en_erreur": self.champ}


# The ids of the fields, by the label a required-field message names them with.
CHAMPS_PAR_LIBELLE = {
    "Identifiant": "identifiant",
    "CAPTCHA": "captcha",
    "Mot de passe Elections": "mot_de_passe",
    "Mot de passe Élections": "mot_de_passe",
    "Confirmation du mot de passe Élections": "confirmation",
    "Code de vote": "code_vote",
    "Réponse secrète": "reponse",
}


class ChampObligatoire(PortalError):
    """A required field was left empty."""

    def __init__(self, label: str) -> None:
        super().__init__(f"Le champ « {label} » est obligatoire.")
        self.champ = CHAMPS_PAR_LIBELLE.get(label)


class CaptchaIncorrect(PortalError):
    """The digits typed do not match the CAPTCHA shown."""

    champ = "captcha"

    message = (
        "Les chiffres saisis ne correspondent pas au CAPTCHA. "
        "Veuillez recopier les chiffres de la nouvelle image."
    )


class ConnexionRefusee(PortalError):
    """Wrong password, unknown identifiant or no password yet: one message for all three."""

    champ = "mot_de_passe"

    # One message for every case so that the answer never tells whether an
    # address is on the roll or whether its owner has created a password.
    message = (
        "Identifiant ou mot de passe Élections incorrect. Si vous n'avez pas encore créé "
        "votre mot de passe Élections, ou si vous l'avez oublié, utilisez le lien "
        "« Besoin du réassort de votre mot de passe Elections ? »."
    )


class EtapeManquante(PortalError):
    """A screen was reached without going through the previous one."""

    message = (
        "Votre session a expiré ou l'étape précédente n'a pas été faite. Veuillez recommencer."
    )


class JetonCSRFInvalide(PortalError):
    """The form's anti-forgery token is missing or wrong."""

    message = "Le formulaire a expiré. Veuillez recommencer."


class RequeteInvalide(PortalError):
    """A test hook was called with bad data."""


class FormulaireInvalide(PortalError):
    """A posted form the portal cannot read: not a form, a field sent twice, too long."""

    message = "Le formulaire envoyé est illisible. Veuillez recommencer."


class CompteVerrouille(PortalError):
    """Too many wrong passwords for this identifiant: it is locked for a while."""

    champ = "mot_de_passe"

    def __init__(self, minutes: int) -> None:
        unit = "minute" if minutes <= 1 else "minutes"
        super().__init__(
            "Votre compte est temporairement verrouillé à la suite de plusieurs saisies "
            f"erronées du mot de passe Élections. Réessayez dans {max(minutes, 1)} {unit}, "
            "ou demandez le réassort de votre mot de passe Élections."
        )


class MotDePasseRefuse(PortalError):
    """The new password breaks one or more rules; each has its own message."""

    champ = "mot_de_passe"

    def __init__(self, regles_enfreintes: list[str]) -> None:
        super().__init__(" ".join(regles_enfreintes))
        self.regles_enfreintes = regles_enfreintes

    def context(self) -> dict[str, Any]:
        """Each broken rule is listed on its own line of the initialisation page."""
        return {"regles_enfreintes": self.regles_enfreintes, "champ_en_erreur": self.champ}


class LienInvalide(PortalError):
    """A réassort link that cannot be used; subclasses say why (410: it existed)."""

    status_code = 410


class LienInconnu(LienInvalide):
    """No link has this token."""

    message = "Ce lien de réassort n'est pas valide. Vérifiez qu'il a été copié en entier."
    status_code = 404


class LienExpire(LienInvalide):
    """The link's lifetime has passed."""

    message = "Ce lien de réassort a expiré."


class LienDejaUtilise(LienInvalide):
    """The link has already served for a completed reset."""

    message = "Ce lien de réassort a déjà été utilisé."


class LienRemplace(LienInvalide):
    """A newer link was sent to the same voter."""

    message = (
        "Ce lien de réassort a été remplacé par un lien plus récent : utilisez le dernier "
        "mail reçu."
    )


class ReponsesDefiInvalides(PortalError):
    """Challenge answers empty, or not the same twice."""

    champ = "reponse"


class TropDeRequetes(Exception):
    """A client address went past a rate limit.

    Not a PortalError on purpose: forms catch PortalError to redisplay themselves, while
    this refusal must cross them and become a 429 page.
    """

    message = (
        "Trop de tentatives depuis votre connexion. Patientez quelques minutes avant de réessayer."
    )
    status_code = 429

    def __init__(self, retry_after: int) -> None:
        super().__init__(self.message)
        self.retry_after = retry_after
