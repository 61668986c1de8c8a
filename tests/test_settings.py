"""The settings come as two objects, each in one language: `Settings` (infrastructure,
English) and its `election`, a `ReglesElection` (the election's rules, French);
`Settings.depuis` sends each keyword of a flat set to the object it belongs to."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from simulator import ReglesElection, Settings


def test_each_keyword_goes_to_its_object() -> None:
    """Infrastructure keywords land on `Settings`, the election's on `ReglesElection`."""
    reglages = Settings.depuis(
        db_path=Path("x.sqlite3"), hash_cost="fast", echecs_avant_verrou=3, parametres="pub"
    )
    assert reglages.db_path == Path("x.sqlite3") and reglages.hash_cost == "fast"
    assert reglages.election.echecs_avant_verrou == 3 and reglages.election.parametres == "pub"
    assert reglages.election.duree_verrou_s == ReglesElection().duree_verrou_s


def test_a_given_election_is_kept_and_completed() -> None:
    """`election=` is taken as it is, the French keywords given beside it replace its own."""
    regles = ReglesElection(titre_election="Partielles 2027", cle_accuses="k")
    reglages = Settings.depuis(election=regles, cle_accuses="autre", test_hooks=True)
    assert reglages.test_hooks
    attendu = ReglesElection(titre_election="Partielles 2027", cle_accuses="autre")
    assert reglages.election == attendu
    assert Settings.depuis(election=regles).election is regles


def test_an_unknown_keyword_is_named() -> None:
    """A keyword of neither object raises TypeError naming it."""
    with pytest.raises(TypeError, match="titre_elections"):
        Settings.depuis(titre_elections="faute de frappe")


def test_the_two_objects_share_no_name() -> None:
    """No field name is on both objects: a flat keyword goes to one place only."""
    infra = {f.name for f in fields(Settings)}
    assert not infra & {f.name for f in fields(ReglesElection)}
