"""The Élections password policy: each rule, its message, and the boundaries."""

from __future__ import annotations

import pytest

from simulator.acces import politique

VALID = "Abcdefgh-123"


def test_a_password_meeting_every_rule_is_accepted() -> None:
    """Twelve characters with every class: no violation."""
    assert len(VALID) == 12
    assert politique.regles_enfreintes(VALID) == []


@pytest.mark.parametrize(
    ("length", "accepted"), [(11, False), (12, True), (256, True), (257, False)]
)
def test_length_boundaries(length: int, accepted: bool) -> None:
    """11 and 257 characters are refused; 12 and 256 accepted."""
    password = "Aa1!" + "x" * (length - 4)
    assert len(password) == length
    assert (politique.regles_enfreintes(password) == []) is accepted
    if not accepted:
        assert politique.regles_enfreintes(password) == [politique.MESSAGE_LONGUEUR]


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("ABCDEFGH-123", politique.MESSAGE_MINUSCULE),
        ("abcdefgh-123", politique.MESSAGE_MAJUSCULE),
        ("Abcdefgh-xyz", politique.MESSAGE_CHIFFRE),
        ("Abcdefgh1234", politique.MESSAGE_SPECIAL),
    ],
)
def test_each_missing_class_has_its_own_message(password: str, message: str) -> None:
    """One missing class, exactly one message naming it."""
    assert politique.regles_enfreintes(password) == [message]


def test_accented_letters_count_neither_as_lower_nor_upper_and_are_refused() -> None:
    """'é' is no lowercase letter, 'É' no uppercase one; both are refused characters."""
    broken = politique.regles_enfreintes("ÉCOLE-ÉTÉ-123")
    assert politique.MESSAGE_MINUSCULE in broken
    assert any("« É »" in m for m in broken)
    broken = politique.regles_enfreintes("école-été-123")
    assert politique.MESSAGE_MAJUSCULE in broken
    assert any("« é »" in m for m in broken)


def test_space_is_not_a_special_character() -> None:
    """A space neither satisfies the special-character rule nor is allowed."""
    broken = politique.regles_enfreintes("Abcdefgh 123")
    assert politique.MESSAGE_SPECIAL in broken
    assert any("espace" in m for m in broken)


def test_every_ascii_punctuation_counts_as_special() -> None:
    """All 32 ASCII punctuation characters satisfy the rule."""
    for char in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~":
        assert politique.regles_enfreintes(f"Abcdefgh1{char}xy") == [], char


def test_several_broken_rules_give_several_messages() -> None:
    """'abc' breaks length, uppercase, digit and special: four messages, in page order."""
    assert politique.regles_enfreintes("abc") == [
        politique.MESSAGE_LONGUEUR,
        politique.MESSAGE_MAJUSCULE,
        politique.MESSAGE_CHIFFRE,
        politique.MESSAGE_SPECIAL,
    ]
