"""The capacity bench's measure of ballot verification (load/cout_verification.py): it
verifies the reserve's ballots in full, so a ballot that does not hold stops it, and it
gives a cost for the ballots it read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chiffrement.erreurs import ErreurChiffrement
from harnais.reserve_bulletins import VotantPrevu, ecrire_reserve
from load.cout_verification import mesurer
from tests.chiffrement_essai import ElectionEssai, creer_election


@pytest.fixture(scope="module")
def election() -> ElectionEssai:
    """A small sealed test election (two scrutins)."""
    return creer_election()


def _reserve(election: ElectionEssai, chemin: Path) -> Path:
    noms = tuple(s.nom for s in election.par.scrutins.values())
    electeurs = [VotantPrevu(f"e{i}@ac-essai.fr", f"CODE{i:08d}", noms) for i in range(3)]
    ecrire_reserve(election.par, electeurs, chemin, processus=1)
    return chemin


def test_it_gives_the_cost_of_verifying_the_reserve(
    election: ElectionEssai, tmp_path: Path
) -> None:
    """Valid ballots: a positive processor time per ballot, and the voters' every scrutin
    counted (three voters, each with both scrutins of the election)."""
    cout = mesurer(_reserve(election, tmp_path / "r.jsonl"), election.par)
    assert cout.ms_par_bulletin > 0
    assert cout.bulletins_par_votant == 2
    assert cout.ms_par_votant == 2 * cout.ms_par_bulletin


def test_a_ballot_that_does_not_hold_is_not_timed_but_refused(
    election: ElectionEssai, tmp_path: Path
) -> None:
    """One altered proof: the measure fails as the portal would, instead of timing a
    shortcut."""
    chemin = _reserve(election, tmp_path / "r.jsonl")
    lignes = chemin.read_text(encoding="utf-8").splitlines()
    premiere = json.loads(lignes[0])
    ident, (indice, texte) = next(iter(premiere["bulletins"].items()))
    bulletin = json.loads(texte)
    preuve = bulletin["message"]["answer"]["overall_proof"][0]
    preuve["response"] = str(int(preuve["response"]) + 1)
    premiere["bulletins"][ident] = [indice, json.dumps(bulletin)]
    chemin.write_text("\n".join([json.dumps(premiere), *lignes[1:]]) + "\n", encoding="utf-8")
    with pytest.raises(ErreurChiffrement):
        mesurer(chemin, election.par)


def test_an_empty_reserve_costs_nothing(election: ElectionEssai, tmp_path: Path) -> None:
    """No voter, no ballot: zero, not a division by zero."""
    vide = tmp_path / "vide.jsonl"
    vide.write_text("", encoding="utf-8")
    assert mesurer(vide, election.par).ms_par_votant == 0.0
