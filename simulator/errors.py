"""Typed errors raised by the domain; each carries the French message shown to the voter."""

from __future__ import annotations


class PortalError(Exception):
    """A rule of the portal refused the request; `message` is shown as is."""

    message = "Une erreur est survenue."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)
        if message:
            self.message = message


class ChampObligatoire(PortalError):
    """A required field was left empty."""

    def __init__(self, label: str) -> None:
        super().__init__(f"Le champ « {label} » est obligatoire.")


class CaptchaIncorrect(PortalError):
    """The digits typed do not match the CAPTCHA shown."""

    message = (
        "Les chiffres saisis ne correspondent pas au CAPTCHA. "
        "Veuillez recopier les chiffres de la nouvelle image."
    )


class ConnexionRefusee(PortalError):
    """Wrong password, unknown identifiant or no password yet: one message for all three."""

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
