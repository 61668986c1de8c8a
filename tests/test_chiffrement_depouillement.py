"""The tally: the homomorphic count equals the plain count; every bad fragment is named."""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest

from chiffrement import depouillement, tiers
from chiffrement.bulletin import construire_bulletin
from chiffrement.erreurs import Incoherence, PreuveInvalide
from chiffrement.groupe import puissance_g
from tests.chiffrement_essai import ElectionEssai, creer_election


@pytest.fixture(scope="module")
def election_votee() -> tuple[ElectionEssai, depouillement.Tally, dict[str, list[int]]]:
    """12 voters who voted at random in both scrutins, and the plain count."""
    e = creer_election(electeurs=12)
    hasard = random.Random(2026)
    urne = e.urne()
    comptes = {s: [0] * len(e.par.scrutins[s].listes) for s in e.par.scrutins}
    for secret in e.secrets_electeurs:
        for s in e.par.scrutins:
            if hasard.random() < 0.2:  # some abstain
                continue
            choix = hasard.randrange(len(e.par.scrutins[s].listes))
            comptes[s][choix] += 1
            urne.accepter(construire_bulletin(e.par, s, [choix], secret))
    return e, depouillement.calculer_tally(e.par, urne.bulletins), comptes


def test_le_compte_chiffre_egale_le_compte_en_clair(election_votee: Any) -> None:
    """President + delegates 1 and 3, or 2 and 3: the same counts as the plain ones."""
    e, tally, comptes = election_votee
    for delegues in ((1, 3), (2, 3), (1, 2, 3)):
        resultat = depouillement.calculer_resultat(e.par, tally, e.partiels(tally, delegues))
        assert {s: r["voix"] for s, r in resultat["scrutins"].items()} == comptes
        assert all(r["bulletins"] == sum(comptes[s]) for s, r in resultat["scrutins"].items())


def test_scrutin_sans_bulletin() -> None:
    """A scrutin where nobody voted counts zero everywhere, nothing to decrypt."""
    e = creer_election(electeurs=1)
    urne = e.urne()
    urne.accepter(construire_bulletin(e.par, "csa", [2], e.secrets_electeurs[0]))
    tally = depouillement.calculer_tally(e.par, urne.bulletins)
    resultat = depouillement.calculer_resultat(e.par, tally, e.partiels(tally, (1, 2)))
    assert resultat["scrutins"]["cap"] == {"bulletins": 0, "voix": [0] * 7}
    assert resultat["scrutins"]["csa"]["voix"] == [0, 0, 1]


def test_il_faut_le_president_et_deux_delegues(election_votee: Any) -> None:
    """Without the president, or with one delegate only: refused, saying what is missing."""
    e, tally, _ = election_votee
    partiels = e.partiels(tally, (1, 2))
    with pytest.raises(Incoherence, match="président manque"):
        depouillement.calculer_resultat(e.par, tally, partiels[1:])
    with pytest.raises(Incoherence, match="1 délégué"):
        depouillement.calculer_resultat(e.par, tally, partiels[:2])


def test_dechiffrement_partiel_altere_nomme(election_votee: Any) -> None:
    """One factor of the president changed: refused, naming the president, the list."""
    e, tally, _ = election_votee
    partiels = e.partiels(tally, (1, 2))
    faux: dict[str, Any] = copy.deepcopy(partiels[0])
    faux["facteurs"]["cap"][3]["factor"] = puissance_g(5).texte()
    with pytest.raises(PreuveInvalide, match="président, cap, liste 4 : fragment altéré"):
        depouillement.calculer_resultat(e.par, tally, [faux, *partiels[1:]])


def test_un_troisieme_delegue_altere_est_nomme(election_votee: Any) -> None:
    """Two good delegates would suffice, but a third altered one is refused by name."""
    e, tally, _ = election_votee
    partiels = e.partiels(tally, (1, 2, 3))
    faux: dict[str, Any] = copy.deepcopy(partiels[3])
    faux["facteurs"]["csa"][0]["proof"]["response"] = "1"
    with pytest.raises(PreuveInvalide, match="délégué 3, csa, liste 1"):
        depouillement.calculer_resultat(e.par, tally, [*partiels[:3], faux])


def test_fragment_d_un_autre_tiers_refuse(election_votee: Any) -> None:
    """Delegate 2's decryption presented as delegate 1's: its proof fails against Y_1."""
    e, tally, _ = election_votee
    partiels = e.partiels(tally, (2, 3))
    faux: dict[str, Any] = copy.deepcopy(partiels[1])
    faux["indice"] = 1
    with pytest.raises(PreuveInvalide, match="délégué 1"):
        depouillement.calculer_resultat(e.par, tally, [partiels[0], faux, partiels[2]])


def test_part_de_delegue_alteree_detectee() -> None:
    """In the key generation, a share that does not match the dealer's commitments."""
    p = tiers.tirer_polynome(2)
    engagements = [puissance_g(a) for a in p.coefficients]
    tiers.verifier_part(p.en(3), 3, engagements)
    with pytest.raises(PreuveInvalide, match="part de délégué"):
        tiers.verifier_part(p.en(3) + 1, 3, engagements)
    with pytest.raises(PreuveInvalide):
        tiers.verifier_part(p.en(2), 3, engagements)


def test_le_secret_joint_n_est_jamais_calcule_mais_la_cle_concorde(election_votee: Any) -> None:
    """Y_j = g^{x_j} for each delegate, and y = X_P · (Lagrange of any two Y_j)."""
    e, _, _ = election_votee
    t = e.par.tiers
    for j, x in e.secrets_delegues.items():
        assert t.cle_verification(j) == puissance_g(x)
    lam = tiers.lagrange_en_zero([1, 3])
    joint = t.cle_verification(1) ** lam[1] * t.cle_verification(3) ** lam[3]
    assert t.president_cle * joint == e.par.cle
