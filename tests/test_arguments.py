"""Checked option types: good values parsed, bad ones refused with a French message."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fixtures.arguments import (
    entier_naturel,
    entier_positif,
    fichier_lisible,
    hote_et_port,
    nombre_naturel,
    nombre_positif,
    part,
    port,
)


@pytest.mark.parametrize(
    ("check", "text", "value"),
    [
        (entier_positif, "1", 1),
        (entier_positif, "1_100_000", 1_100_000),
        (entier_naturel, "0", 0),
        (nombre_positif, "0,05", 0.05),
        (nombre_positif, "12", 12.0),
        (nombre_naturel, "0", 0.0),
        (part, "0.4", 0.4),
        (part, "1", 1.0),
        (port, "0", 0),
        (port, "8025", 8025),
        (hote_et_port, "127.0.0.1:1025", ("127.0.0.1", 1025)),
        (hote_et_port, "mailpit.recette:25", ("mailpit.recette", 25)),
    ],
)
def test_good_values_are_parsed(check: Callable[[str], Any], text: str, value: Any) -> None:
    """Integers with separators, decimal commas and the bounds themselves are accepted."""
    assert check(text) == value


@pytest.mark.parametrize(
    ("check", "text", "message"),
    [
        (entier_positif, "0", "strictement positif"),
        (entier_positif, "deux", "n'est pas un nombre entier"),
        (entier_naturel, "-1", "positif ou nul"),
        (nombre_positif, "0", "strictement positif"),
        (nombre_positif, "abc", "n'est pas un nombre"),
        (nombre_positif, "inf", "n'est pas un nombre fini"),
        (nombre_naturel, "-0.5", "positif ou nul"),
        (part, "40", "entre 0 et 1"),
        (port, "70000", "de 0 à 65535"),
        (hote_et_port, "1025", "HOTE:PORT"),
        (hote_et_port, "127.0.0.1:0", "HOTE:PORT"),
        (hote_et_port, "127.0.0.1:smtp", "HOTE:PORT"),
    ],
)
def test_bad_values_are_refused_in_french(
    check: Callable[[str], Any], text: str, message: str
) -> None:
    """Each refusal names the value and what was expected."""
    with pytest.raises(argparse.ArgumentTypeError, match=message):
        check(text)


def test_readable_file_is_required(tmp_path: Path) -> None:
    """A missing path and a folder are refused; an existing file comes back as a Path."""
    roll = tmp_path / "liste.csv"
    roll.write_text("email\n", encoding="utf-8")
    assert fichier_lisible(str(roll)) == roll
    for bad in (tmp_path / "absente.csv", tmp_path):
        with pytest.raises(argparse.ArgumentTypeError, match="introuvable"):
            fichier_lisible(str(bad))
