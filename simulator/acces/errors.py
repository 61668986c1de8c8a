"""The refusals of the way in (CAPTCHA, login, lock, password policy, réassort link,
défi, limits per address), each with its French message and HTTP status."""

from __future__ import annotations

from typing import Any

from simulator.errors import PortalError


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
