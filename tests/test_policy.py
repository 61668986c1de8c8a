"""The Élections password policy: each rule, its message, and the boundaries."""

from __future__ import annotations

import pytest

from simulator import policy

VALID = "Abcdefgh-123"


def test_a_password_meeting_every_rule_is_accepted() -> None:
    """Twelve characters with every class: no violation."""
    assert len(VALID) == 12
    assert policy.violations(VALID) == []


@pytest.mark.parametrize(
    ("length", "accepted"), [(11, False), (12, True), (256, True), (257, False)]
)
def test_length_boundaries(length: int, accepted: bool) -> None:
    """11 and 257 characters are refused; 12 and 256 accepted."""
    password = "Aa1!" + "x" * (length - 4)
    assert len(password) == length
    assert (policy.violations(password) == []) is accepted
    if not accepted:
        assert policy.violations(password) == [policy.MSG_LENGTH]


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("ABCDEFGH-123", policy.MSG_LOWER),
        ("abcdefgh-123", policy.MSG_UPPER),
        ("Abcdefgh-xyz", policy.MSG_DIGIT),
        ("Abcdefgh1234", policy.MSG_SPECIAL),
    ],
)
def test_each_missing_class_has_its_own_message(password: str, message: str) -> None:
    """One missing class, exactly one message naming it."""
    assert policy.violations(password) == [message]


def test_accented_letters_count_neither_as_lower_nor_upper_and_are_refused() -> None:
    """'é' is no lowercase letter, 'É' no uppercase one; both are refused characters."""
    broken = policy.violations("ÉCOLE-ÉTÉ-123")
    assert policy.MSG_LOWER in broken
    assert any("« É »" in m for m in broken)
    broken = policy.violations("école-été-123")
    assert policy.MSG_UPPER in broken
    assert any("« é »" in m for m in broken)


def test_space_is_not_a_special_character() -> None:
    """A space neither satisfies the special-character rule nor is allowed."""
    broken = policy.violations("Abcdefgh 123")
    assert policy.MSG_SPECIAL in broken
    assert any("espace" in m for m in broken)


def test_every_ascii_punctuation_counts_as_special() -> None:
    """All 32 ASCII punctuation characters satisfy the rule."""
    for char in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~":
        assert policy.violations(f"Abcdefgh1{char}xy") == [], char


def test_several_broken_rules_give_several_messages() -> None:
    """'abc' breaks length, uppercase, digit and special: four messages, in page order."""
    assert policy.violations("abc") == [
        policy.MSG_LENGTH,
        policy.MSG_UPPER,
        policy.MSG_DIGIT,
        policy.MSG_SPECIAL,
    ]
