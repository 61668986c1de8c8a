"""The Élections password policy, exactly as the initialisation screen states it."""

from __future__ import annotations

import string

LONGUEUR_MIN = 12
LONGUEUR_MAX = 256
MINUSCULES = frozenset(string.ascii_lowercase)
MAJUSCULES = frozenset(string.ascii_uppercase)
CHIFFRES = frozenset(string.digits)
# The 32 printable ASCII punctuation characters: ! " # $ % & ' ( ) * + , - . / : ; < = > ?
# @ [ \ ] ^ _ ` { | } ~  — the space is not one of them.
SPECIAUX = frozenset(string.punctuation)
PERMIS = MINUSCULES | MAJUSCULES | CHIFFRES | SPECIAUX

REGLES_AFFICHEES: tuple[str, ...] = (
    f"entre {LONGUEUR_MIN} caractères et {LONGUEUR_MAX} caractères",
    "au moins une lettre en minuscule non-accentuée",
    "au moins une lettre en majuscule non-accentuée",
    "au moins un chiffre",
    "au moins un caractère spécial",
)
SPECIAUX_AFFICHES = " ".join(sorted(SPECIAUX))

MESSAGE_LONGUEUR = (
    f"Le mot de passe doit comprendre entre {LONGUEUR_MIN} et {LONGUEUR_MAX} caractères."
)
MESSAGE_MINUSCULE = (
    "Le mot de passe doit comprendre au moins une lettre en minuscule non accentuée."
)
MESSAGE_MAJUSCULE = (
    "Le mot de passe doit comprendre au moins une lettre en majuscule non accentuée."
)
MESSAGE_CHIFFRE = "Le mot de passe doit comprendre au moins un chiffre."
MESSAGE_SPECIAL = "Le mot de passe doit comprendre au moins un caractère spécial."
MESSAGE_CONFIRMATION = "La confirmation ne correspond pas au mot de passe Élections saisi."


def message_interdits(characters: str) -> str:
    """Message for characters outside the allowed set (accented letters, spaces…)."""
    shown = " ".join(f"« {c} »" if c != " " else "« espace »" for c in characters)
    return (
        "Le mot de passe ne peut comprendre que des lettres non accentuées, des chiffres et "
        f"des caractères spéciaux ; caractère(s) refusé(s) : {shown}."
    )


def regles_enfreintes(password: str) -> list[str]:
    """Every rule the password breaks, in the order the page lists them (empty: accepted)."""
    found: list[str] = []
    chars = set(password)
    if not LONGUEUR_MIN <= len(password) <= LONGUEUR_MAX:
        found.append(MESSAGE_LONGUEUR)
    if not chars & MINUSCULES:
        found.append(MESSAGE_MINUSCULE)
    if not chars & MAJUSCULES:
        found.append(MESSAGE_MAJUSCULE)
    if not chars & CHIFFRES:
        found.append(MESSAGE_CHIFFRE)
    if not chars & SPECIAUX:
        found.append(MESSAGE_SPECIAL)
    forbidden = "".join(dict.fromkeys(c for c in password if c not in PERMIS))
    if forbidden:
        found.append(message_interdits(forbidden))
    return found
