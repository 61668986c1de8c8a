"""The bureau's acts on the core: sealing writes each trustee's share apart (mode 600) and
publishes the parameters; counting refuses before closing, with too few or a foreign key,
or when ballots ≠ émargements, publishing nothing; a sound count passes the verifier."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest

from chiffrement import bureau, tableau
from chiffrement.bulletin import construire_bulletin
from chiffrement.credential import credential_publique
from chiffrement.fichiers import FichierRefuse, ecrire_secret, publier
from chiffrement.groupe import puissance_g, scalaire_aleatoire
from chiffrement.verificateur import verifier_dossier
from tests.chiffrement_essai import SCRUTINS

CLOTURE = 1_765_382_400  # any instant: the tests pass `maintenant` explicitly
APRES = CLOTURE + bureau.DELAI_DE_GRACE_S + 1


def _election(tmp_path: Path, emargements: dict[str, int] | None = None) -> Path:
    """Sealed, voted by three voters, closed; the publication folder."""
    par, _ = bureau.sceller(
        tmp_path / "tiers",
        tmp_path / "pub",
        "essai",
        "Essai",
        SCRUTINS,
        3,
        10,
        (CLOTURE - 7 * 86400, CLOTURE),
    )
    votants = [scalaire_aleatoire() for _ in range(3)]
    creds = tableau.credentials_json([(credential_publique(x), ["csa", "cap"]) for x in votants])
    urne = tableau.Urne(par, tableau.lire_credentials(par, creds))
    entrees = [tableau.ouverture(par, creds, puissance_g(scalaire_aleatoire()))]
    for k, x in enumerate(votants):
        b = construire_bulletin(par, "csa", [k % 2], x)
        urne.accepter(b)
        entrees.append(tableau.entree(entrees[-1], "bulletin", b))
    entrees.append(tableau.entree(entrees[-1], "cloture", {"bulletins": urne.comptes()}))
    publier(
        tmp_path / "pub",
        credentials=creds,
        tableau=entrees,
        emargements=emargements or urne.comptes(),
    )
    return tmp_path / "pub"


def _cles(tmp_path: Path, *noms: str) -> list[Path]:
    return [tmp_path / "tiers" / n for n in noms]


def test_sceller_ecrit_chaque_cle_a_part_et_ne_recommence_pas(tmp_path: Path) -> None:
    """One file per trustee, mode 600; parameters and fingerprint published; a second
    sealing is refused."""
    _election(tmp_path)
    for n in ("president.cle", "delegue-1.cle", "delegue-2.cle", "delegue-3.cle"):
        assert stat.S_IMODE((tmp_path / "tiers" / n).stat().st_mode) == 0o600
    assert (tmp_path / "pub" / "parametres.empreinte").read_text().strip()
    with pytest.raises(FichierRefuse, match="existe déjà"):
        bureau.sceller(tmp_path / "tiers", tmp_path / "pub", "essai", "Essai", SCRUTINS)


def test_depouiller_puis_verifier(tmp_path: Path) -> None:
    """President + delegates 1 and 3: the result, published, and the verifier agrees."""
    pub = _election(tmp_path)
    cles = _cles(tmp_path, "president.cle", "delegue-1.cle", "delegue-3.cle")
    resultat = bureau.depouiller(pub, cles, APRES)
    assert resultat["scrutins"]["csa"]["voix"] == [2, 1, 0]
    assert verifier_dossier(pub).resultats == resultat
    with pytest.raises(bureau.DepouillementRefuse, match="déjà"):
        bureau.depouiller(pub, cles, APRES)


def _rien_publie(pub: Path) -> bool:
    return not any(
        (pub / n).exists() for n in ("tally.json", "dechiffrements.json", "resultats.json")
    )


@pytest.mark.parametrize(
    ("noms", "maintenant", "motif"),
    [
        (("president.cle", "delegue-1.cle", "delegue-2.cle"), CLOTURE + 60, "pas clos"),
        (("president.cle", "delegue-1.cle"), APRES, "1 délégué"),
        (("delegue-1.cle", "delegue-2.cle", "delegue-3.cle"), APRES, "président manque"),
        (("president.cle", "delegue-2.cle", "delegue-2.cle"), APRES, "même clé"),
    ],
)
def test_depouillement_refuse_sans_rien_publier(
    tmp_path: Path, noms: tuple[str, ...], maintenant: float, motif: str
) -> None:
    """Before closing + grace, too few trustees, a key twice: refused, nothing published."""
    pub = _election(tmp_path)
    with pytest.raises(bureau.DepouillementRefuse, match=motif):
        bureau.depouiller(pub, _cles(tmp_path, *noms), maintenant)
    assert _rien_publie(pub)


def test_fragment_altere_nomme(tmp_path: Path) -> None:
    """A delegate's key file changed by one unit: named as belonging to no trustee."""
    pub = _election(tmp_path)
    chemin = tmp_path / "tiers" / "delegue-2.cle"
    contenu: dict[str, Any] = json.loads(chemin.read_text())
    chemin.unlink()
    ecrire_secret(chemin, {**contenu, "secret": str(int(contenu["secret"]) + 1)})
    cles = _cles(tmp_path, "president.cle", "delegue-1.cle", "delegue-2.cle")
    with pytest.raises(bureau.DepouillementRefuse, match=r"delegue-2\.cle : cette clé n'est celle"):
        bureau.depouiller(pub, cles, APRES)
    assert _rien_publie(pub)


def test_bulletins_differents_des_emargements(tmp_path: Path) -> None:
    """One émargement too many in csa: refused with the counts, nothing published."""
    pub = _election(tmp_path, emargements={"csa": 4, "cap": 0})
    cles = _cles(tmp_path, "president.cle", "delegue-1.cle", "delegue-2.cle")
    with pytest.raises(bureau.Discordance, match=r"csa : 3 bulletin\(s\) pour 4"):
        bureau.depouiller(pub, cles, APRES)
    assert _rien_publie(pub)
