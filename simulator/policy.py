"""The Élections password policy, exactly as the initialisation screen states it."""

from __future__ import annotations

import string

MIN_LENGTH = 12
MAX_LENGTH = 256
LOWER = frozenset(string.ascii_lowercase)
UPPER = frozenset(string.ascii_uppercase)
DIGITS = frozenset(string.digits)
# The 32 printable ASCII punctuation characters: ! " # $ % & ' ( ) * + , - . / : ; < = > ?
# @ [ \ ] ^ _ ` { | } ~  — the space is not one of them.
SPECIAL = frozenset(string.punctuation)
ALLOWED = LOWER | UPPER | DIGITS | SPECIAL

RULES_SHOWN: tuple[str, ...] = (
    f"entre {MIN_LENGTH} caractères et {MAX_LENGTH} caractères",
    "au moins une lettre en minuscule non-accentuée",
    "au moins une lettre en majuscule non-accentuée",
    "au moins un chiffre",
    "au moins un caractère spécial",
)
SPECIAL_SHOWN = " ".join(sorted(SPECIAL))

MSG_LENGTH = f"Le mot de passe doit comprendre entre {MIN_LENGTH} et {MAX_LENGTH} caractères."
MSG_LOWER = "Le mot de passe doit comprendre au moins une lettre en minuscule non accentuée."
MSG_UPPER = "Le mot de passe doit comprendre au moins une lettre en majuscule non accentuée."
MSG_DIGIT = "Le mot de passe doit comprendre au moins un chiffre."
MSG_SPECIAL = "Le mot de passe doit comprendre au moins un caractère spécial."
MSG_CONFIRMATION = "La confirmation ne correspond pas au mot de passe Élections saisi."


def msg_forbidden(characters: str) -> str:
    """Message for characters outside the allowed set (accented letters, spaces…)."""
    shown = " ".join(f"« {c} »" if c != " " else "« espace »" for c in characters)
    return (
        "Le mot de passe ne peut comprendre que des lettres non accentuées, des chiffres et "
        f"des caractères spéciaux ; caractère(s) refusé(s) : {shown}."
    )


def violations(password: str) -> list[str]:
    """Every rule the password breaks, in the order the page lists them (empty: accepted)."""
    found: list[str] = []
    chars = set(password)
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        found.append(MSG_LENGTH)
    if not chars & LOWER:
        found.append(MSG_LOWER)
    if not chars & UPPER:
        found.append(MSG_UPPER)
    if not chars & DIGITS:
        found.append(MSG_DIGIT)
    if not chars & SPECIAL:
        found.append(MSG_SPECIAL)
    forbidden = "".join(dict.fromkeys(c for c in password if c not in ALLOWED))
    if forbidden:
        found.append(msg_forbidden(forbidden))
    return found
