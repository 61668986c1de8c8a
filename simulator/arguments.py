"""Checked option types for every command line of the project, with French messages.

argparse turns the `ArgumentTypeError` raised here into `argument --x: <message>` and
exit status 2, before anything starts: a negative factor or a roll file that is not
there is refused at once instead of giving an empty or endless run. Decimal commas are
accepted (`0,05`), as French users type them.
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import TypeVar

N = TypeVar("N", int, float)


def _nombre(text: str) -> float:
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"« {text} » n'est pas un nombre") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"« {text} » n'est pas un nombre fini")
    return value


def _entier(text: str) -> int:
    try:
        return int(text.strip().replace("_", "").replace(" ", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"« {text} » n'est pas un nombre entier") from None


def _positif_ou_nul(value: N, text: str) -> N:
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} : il faut un nombre positif ou nul")
    return value


def _strictement_positif(value: N, text: str) -> N:
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text} : il faut un nombre strictement positif")
    return value


def entier_positif(text: str) -> int:
    """An integer of at least 1 (a count of voters, processes, parts)."""
    return _strictement_positif(_entier(text), text)


def entier_naturel(text: str) -> int:
    """An integer of at least 0 (0 often meaning « none » or « off »)."""
    return _positif_ou_nul(_entier(text), text)


def nombre_positif(text: str) -> float:
    """A number greater than 0 (a factor, a duration, a rate)."""
    return _strictement_positif(_nombre(text), text)


def nombre_naturel(text: str) -> float:
    """A number of at least 0 (a delay or a threshold that may be zero)."""
    return _positif_ou_nul(_nombre(text), text)


def part(text: str) -> float:
    """A share between 0 and 1 inclusive (0.4 for 40 %)."""
    value = _nombre(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text} : une part s'écrit entre 0 et 1 (0.4 pour 40 %)")
    return value


def port(text: str) -> int:
    """A TCP port, 0 meaning « any free port »."""
    value = _entier(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{value} : un port va de 0 à 65535")
    return value


def fichier_lisible(text: str) -> Path:
    """A path to an existing, readable file (a roll, a CSV)."""
    path = Path(text).expanduser()
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"fichier introuvable : {path}")
    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        raise argparse.ArgumentTypeError(f"fichier illisible : {path} ({exc.strerror})") from None
    return path
