"""The key ceremony round by round: an election sealed without anyone holding its key,
then voted and counted; a dealer's bad share is named; a share for another is refused."""

from __future__ import annotations

import json
from typing import Any

import pytest
from nacl.public import PublicKey, SealedBox

from chiffrement import ceremonie, depouillement, parametres
from chiffrement.bulletin import construire_bulletin
from chiffrement.credential import credential_publique
from chiffrement.erreurs import PreuveInvalide
from chiffrement.groupe import ORDRE, scalaire_aleatoire
from chiffrement.tableau import Urne, credentials_json, lire_credentials
from tests.chiffrement_essai import SCRUTINS

INDICES = (1, 2, 3)


def _rondes() -> tuple[
    dict[int, Any], dict[int, str], dict[int, dict[str, Any]], dict[int, dict[int, str]]
]:
    secrets, canaux = {}, {}
    for j in INDICES:
        secrets[j], canaux[j] = ceremonie.ouvrir_delegue(j)
    publics, envois = {}, {}
    for i in INDICES:
        publics[i], envois[i] = ceremonie.distribuer(i, f"Délégué {i}", 2, canaux)
    return secrets, canaux, publics, envois


def test_ceremonie_complete_puis_depouillement() -> None:
    """Rounds 1–3 for three delegates, the president apart; the election counts right."""
    secrets, _, publics, envois = _rondes()
    cles = {
        j: ceremonie.recevoir(secrets[j], {i: envois[i][j] for i in INDICES}, publics)
        for j in INDICES
    }
    x_p, president = ceremonie.ouvrir_president("Présidente")
    tiers = {"president": president, "seuil": 2, "delegues": [publics[i] for i in INDICES]}
    par = parametres.lire_parametres(
        parametres.construire_parametres("e", "E", SCRUTINS, tiers, 10)
    )
    votants = [scalaire_aleatoire() for _ in range(3)]
    creds = credentials_json([(credential_publique(x), ["csa"]) for x in votants])
    urne = Urne(par, lire_credentials(par, creds))
    for k, x in enumerate(votants):
        urne.accepter(construire_bulletin(par, "csa", [k % 2], x))
    tally = depouillement.calculer_tally(par, urne.bulletins)
    partiels: list[object] = [
        depouillement.dechiffrer_partiellement(par, tally, "president", 0, x_p)
    ]
    partiels += [
        depouillement.dechiffrer_partiellement(par, tally, "delegue", j, cles[j]) for j in (2, 3)
    ]
    resultat = depouillement.calculer_resultat(par, tally, partiels)
    assert resultat["scrutins"]["csa"]["voix"] == [2, 1, 0]


def test_une_part_fausse_nomme_son_donneur() -> None:
    """Delegate 2 seals a share that is not f_2(3): delegate 3 names delegate 2."""
    secrets, canaux, publics, envois = _rondes()
    faux = json.dumps({"de": 2, "pour": 3, "part": str(12345 % ORDRE)}).encode()
    envois[2][3] = SealedBox(PublicKey(bytes.fromhex(canaux[3]))).encrypt(faux).hex()
    with pytest.raises(PreuveInvalide, match="part du délégué 2 pour le délégué 3"):
        ceremonie.recevoir(secrets[3], {i: envois[i][3] for i in INDICES}, publics)


def test_une_part_scellee_pour_un_autre_est_refusee() -> None:
    """Delegate 3 cannot open what was sealed for delegate 1."""
    secrets, _, publics, envois = _rondes()
    with pytest.raises(PreuveInvalide, match="illisible"):
        ceremonie.recevoir(secrets[3], {i: envois[i][1] for i in INDICES}, publics)
