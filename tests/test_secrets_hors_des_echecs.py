"""A failing scenario prints its context (pytest shows the fixtures' values), and that
output goes to CI logs and JUnit files: the voter's password, answer to the défi and code
de vote must not be in it."""

from __future__ import annotations

from harnais.comptes.etats import Electeur, EtatCompte
from steps.contexte import Contexte

SECRETS = ("Ep-0d085e4e0ffc248e-7A", "reponse-secrete", "ABCD-EFGH-IJKL", "Nouveau-mot-2026!")


def test_a_scenario_context_shows_no_secret_in_its_repr() -> None:
    """The context of a scenario that chose a password and received a code de vote."""
    electeur = Electeur(
        "electeur.1@ac-lyon.fr", "actif", SECRETS[0], "Ville de naissance ?", SECRETS[1], SECRETS[2]
    )
    contexte = Contexte(electeur=electeur, mot_de_passe=SECRETS[3])
    contexte.notes.code_vote = SECRETS[2]
    contexte.compte = EtatCompte("actif", mot_de_passe=SECRETS[3], code_vote=SECRETS[2])
    texte = repr(contexte)
    assert "electeur.1@ac-lyon.fr" in texte  # the account is still named
    for secret in SECRETS:
        assert secret not in texte, secret
