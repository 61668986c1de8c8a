"""The harness's encrypted vote (harnais/vote_chiffre.py) without a portal: it reads a
page's <meta> as the page's module does, checks the parameters against φ, and builds
what a browser would send, which the core accepts."""

from __future__ import annotations

import json

import pytest

from chiffrement.bulletin import verifier_bulletin
from chiffrement.credential import credential_publique, deriver_secret
from chiffrement.possession import verifier_possession
from harnais.ecran import Ecran
from harnais.erreurs_ecran import EcranInattendu
from harnais.vote_chiffre import ParametresRefuses, VoteChiffre, lire_page
from tests.chiffrement_essai import creer_election

ELECTEUR = "agent@education.gouv.fr"


def _page(phi: str, **autres: str) -> Ecran:
    metas = {"election-parametres": "/election/parametres.json", "election-empreinte": phi}
    metas |= {"vote-electeur": ELECTEUR, **autres}
    tetes = "".join(f'<meta name="{n}" content="{v}">' for n, v in metas.items())
    return Ecran(200, "/vote", f"<html><head>{tetes}<title>t</title></head><body></body></html>")


def test_a_page_without_the_meta_is_not_an_encrypted_vote() -> None:
    """A portal whose pages say nothing of it: None, the journey posts its form as is."""
    assert lire_page(Ecran(200, "/", "<html><head><title>t</title></head></html>")) is None


def test_proof_and_ballot_are_what_the_core_accepts() -> None:
    """The proof answers the page's challenge for the code's credential; the ballot is
    for the kept choice, signed by the same key; the choice is forgotten after."""
    e = creer_election(electeurs=1)
    vc = VoteChiffre(lambda url: json.dumps(e.document))
    page = lire_page(_page(e.par.empreinte, **{"vote-defi": "d1", "vote-scrutin": "cap"}))
    assert page is not None
    preuve = json.loads(vc.prouver_code(page, "K7Q2-M9XP-4TZA"))
    x = deriver_secret("K7Q2M9XP4TZA", e.par.election, ELECTEUR, e.par.iterations)
    verifier_possession(credential_publique(x), e.par.empreinte, ELECTEUR, "d1", preuve)
    with pytest.raises(EcranInattendu, match="aucun choix"):
        vc.bulletin(page)
    vc.choisir(page, 4, "L5")
    verifie = verifier_bulletin(e.par, json.loads(vc.bulletin(page)))
    assert verifie.scrutin == "cap" and verifie.credential == credential_publique(x)
    assert vc.choix is None


def test_parameters_that_are_not_those_of_the_fingerprint_are_refused() -> None:
    """Parameters changed on the way (or a fingerprint changed on the page): refused, as
    the browser refuses them; nothing is derived nor built."""
    e = creer_election(electeurs=1)
    change = {**e.document, "nom": "Autre élection"}
    vc = VoteChiffre(lambda url: json.dumps(change))
    page = lire_page(_page(e.par.empreinte, **{"vote-defi": "d1"}))
    assert page is not None
    with pytest.raises(ParametresRefuses, match="refusés"):
        vc.prouver_code(page, "K7Q2-M9XP-4TZA")
