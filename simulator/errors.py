"""The portal's base error and the refusals every package shares (a field left empty, a
step skipped, a form unreadable or forged). Each carries the French message shown to the
voter and the HTTP status of the page that shows it (`web.portal.form_again` turns any of
them into the form shown again); each package groups its own in its `errors.py`."""

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
