"""The rules this portal applies, and the words it says them with (its own, not ours)."""

from __future__ import annotations

import string

LONGUEUR_MIN = 12
LONGUEUR_MAX = 256
ESSAIS_AVANT_BLOCAGE = 5
BLOCAGE_MINUTES = 15
SPECIAUX = frozenset(string.punctuation)
MINUSCULES = frozenset(string.ascii_lowercase)
MAJUSCULES = frozenset(string.ascii_uppercase)
CHIFFRES = frozenset(string.digits)

# The challenge questions of the « Défi » menu; the first is the guide's own.
QUESTIONS = (
    "Quel était la race de votre premier animal favori ?",
    "Dans quelle ville êtes-vous né(e) ?",
    "Quel est le prénom de votre grand-mère maternelle ?",
    "Quel était le nom de votre première école ?",
    "Quelle est la marque de votre première voiture ?",
)

# One sentence per rule of the guide, in this portal's words.
REGLE_LONGUEUR = "Votre mot de passe doit compter entre 12 caractères et 256 caractères."
REGLE_MINUSCULE = "Il manque au moins une lettre en minuscule non-accentuée."
REGLE_MAJUSCULE = "Il manque au moins une lettre en majuscule non-accentuée."
REGLE_CHIFFRE = "Il manque au moins un chiffre."
REGLE_SPECIAL = "Il manque au moins un caractère spécial."
REGLE_EXCLUSIF = (
    "Seuls les lettres non accentuées, les chiffres et les caractères spéciaux sont "
    "admis : retirez les espaces et les lettres accentuées."
)

# Everything else this portal says.
CAPTCHA_ERRONE = "Les chiffres recopiés diffèrent de ceux de l'image : recopiez la nouvelle image."
IDENTIFIANT_VIDE = "Saisissez votre identifiant."
CAPTCHA_VIDE = "Recopiez les chiffres de l'image."
MOT_DE_PASSE_VIDE = "Saisissez votre mot de passe."
IDENTIFIANTS_INCORRECTS = (
    "Identifiant ou mot de passe erroné. Mot de passe jamais créé ou oublié : "
    "utilisez le lien de réassort ci-dessous."
)
BLOQUE = (
    f"Après 5 essais infructueux, l'accès à ce compte est bloqué pour {BLOCAGE_MINUTES} minutes."
)
CONFIRMATION_DIFFERENTE = "Les deux saisies du mot de passe ne sont pas identiques."
REPONSES_DIFFERENTES = "La réponse et sa ressaisie ne sont pas identiques."
REPONSE_VIDE = "Pour activer votre compte, saisissez une réponse à la question défi."
LIEN_UTILISE = "Ce lien n'est plus valable : il a déjà servi."
LIEN_EXPIRE = "Ce lien n'est plus valable : son délai de validité est dépassé."
LIEN_REMPLACE = "Ce lien n'est plus valable : un lien plus récent vous a été envoyé."
LIEN_INCONNU = "Ce lien n'est pas reconnu."
DECONNECTE = "Vous avez quitté le portail Élections. À bientôt."


def regles_enfreintes(mot_de_passe: str) -> list[str]:
    """Every rule of the guide this password breaks, one sentence each (empty: accepted)."""
    enfreintes: list[str] = []
    if not LONGUEUR_MIN <= len(mot_de_passe) <= LONGUEUR_MAX:
        enfreintes.append(REGLE_LONGUEUR)
    caracteres = set(mot_de_passe)
    for classe, regle in (
        (MINUSCULES, REGLE_MINUSCULE),
        (MAJUSCULES, REGLE_MAJUSCULE),
        (CHIFFRES, REGLE_CHIFFRE),
        (SPECIAUX, REGLE_SPECIAL),
    ):
        if not caracteres & classe:
            enfreintes.append(regle)
    # « Exclusivement » in the guide: anything outside the four classes is refused.
    if caracteres - MINUSCULES - MAJUSCULES - CHIFFRES - SPECIAUX:
        enfreintes.append(REGLE_EXCLUSIF)
    return enfreintes
