"""The verifier against the credential authority's public file (`verifier --credentials`):
the board must open with exactly the authority's credentials."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from chiffrement.credential import credential_publique
from chiffrement.credentials_publiques import ecrire_credentials
from chiffrement.erreurs import Incoherence
from chiffrement.parametres import Parametres
from chiffrement.signature_autorite import cle_publique, signer_remplacement
from chiffrement.tableau import Urne
from chiffrement.verificateur import Rapport, Tableau, verifier_autorite
from simulator.vote.parametres_publics import lire_parametres_publies
from simulator.vote.scrutins_publics import sceller_essai

ROOT = Path(__file__).resolve().parent.parent


def _tableau(
    parametres: Parametres,
    ouverture: set[str],
    inscriptions: tuple[tuple[int, dict[str, Any]], ...] = (),
) -> Tableau:
    """A board checked up to its closing that opened with `ouverture`, with these
    credential entries after its opening."""
    return Tableau(
        parametres, Urne(parametres, {}), None, Rapport(), frozenset(ouverture), inscriptions
    )


@pytest.fixture
def parametres(tmp_path: Path) -> Parametres:
    """Public parameters of a test sealing."""
    publication, _ = sceller_essai(tmp_path / "scellement")
    return lire_parametres_publies(publication)


GRAINE = bytes(range(32))  # the authority's signing key, in these tests


def _autorite(
    tmp_path: Path, parametres: Parametres, n: int, cle: bool = True
) -> tuple[Path, list[str]]:
    """The authority's file for n voters (naming its signing key unless `cle` is False);
    the g^x it holds."""
    gx = [credential_publique(1000 + i).texte() for i in range(n)]
    chemin = tmp_path / f"autorite-{n}{'' if cle else '-sans-cle'}.jsonl"
    ecrire_credentials(
        chemin,
        parametres,
        [(f"v{i}@ac-lyon.fr", g) for i, g in enumerate(gx)],
        cle_autorite=cle_publique(GRAINE) if cle else None,
    )
    return chemin, gx


def _remplacement(
    parametres: Parametres, ancienne: str, graine: bytes | None = GRAINE
) -> dict[str, Any]:
    """A réassort's credential entry replacing `ancienne`, signed with `graine` (None:
    unsigned)."""
    nouvelle = credential_publique(424242).texte()
    contenu: dict[str, Any] = {"credential": nouvelle, "scrutins": [], "remplace": ancienne}
    if graine is not None:
        contenu["signature"] = signer_remplacement(graine, parametres.empreinte, ancienne, nouvelle)
    return contenu


def test_a_board_opened_with_the_authority_credentials_holds(
    tmp_path: Path, parametres: Parametres
) -> None:
    """Same credentials: the check passes and says so, réassorts counted, each signed by
    the authority."""
    chemin, gx = _autorite(tmp_path, parametres, 3)
    tableau = _tableau(parametres, set(gx), ((5, _remplacement(parametres, gx[0])),))
    verifier_autorite(tableau, chemin)
    assert any(
        "celles de l'autorité (3" in e and "1 remplacée" in e and "signée par l'autorité" in e
        for e in tableau.rapport.etapes
    )


@pytest.mark.parametrize(
    "comment",
    ["sans signature", "signée d'une autre clé", "signature d'un autre remplacement"],
)
def test_a_credential_put_in_by_the_portal_host_is_refused(
    tmp_path: Path, parametres: Parametres, comment: str
) -> None:
    """The portal's host (or a database administrator) writes a credential of its own in
    place of a voter's, so as to sign ballots for that voter: without the authority's
    signature of that very replacement, the verifier names the entry."""
    chemin, gx = _autorite(tmp_path, parametres, 3)
    if comment == "sans signature":
        contenu = _remplacement(parametres, gx[0], None)
    elif comment == "signée d'une autre clé":
        contenu = _remplacement(parametres, gx[0], bytes(32))
    else:  # a genuine signature, for gx[1]'s réassort, moved onto gx[0]'s entry
        contenu = {**_remplacement(parametres, gx[1]), "remplace": gx[0]}
    with pytest.raises(Incoherence, match="entrée 7 : credential inscrite après l'ouverture"):
        verifier_autorite(_tableau(parametres, set(gx), ((7, contenu),)), chemin)


def test_a_file_without_the_authority_key_says_replacements_are_unchecked(
    tmp_path: Path, parametres: Parametres
) -> None:
    """An authority file made before it named a signing key: replacements cannot be
    checked, and the report says so rather than passing them as checked."""
    chemin, gx = _autorite(tmp_path, parametres, 2, cle=False)
    tableau = _tableau(parametres, set(gx), ((3, _remplacement(parametres, gx[0], None)),))
    verifier_autorite(tableau, chemin)
    assert any("non vérifiables" in e for e in tableau.rapport.etapes)


def test_a_credential_the_authority_never_gave_is_named(
    tmp_path: Path, parametres: Parametres
) -> None:
    """One credential more on the board (a voter the portal made up), or one missing: the
    verifier refuses and counts both ways."""
    chemin, gx = _autorite(tmp_path, parametres, 3)
    intrus = credential_publique(7).texte()
    with pytest.raises(Incoherence, match="1 que l'autorité n'a pas données, 0 des siennes"):
        verifier_autorite(_tableau(parametres, {*gx, intrus}), chemin)
    with pytest.raises(Incoherence, match="0 que l'autorité n'a pas données, 1 des siennes"):
        verifier_autorite(_tableau(parametres, set(gx[:2])), chemin)


def test_a_file_of_other_parameters_is_refused(tmp_path: Path, parametres: Parametres) -> None:
    """The authority's file made for another sealing: refused before any comparison."""
    publication, _ = sceller_essai(tmp_path / "autre")
    autres = lire_parametres_publies(publication)
    chemin, gx = _autorite(tmp_path, autres, 2)
    with pytest.raises(Incoherence, match=r"autorite-2\.jsonl : credentials"):
        verifier_autorite(_tableau(parametres, set(gx)), chemin)


def test_the_command_names_a_missing_file_in_french(tmp_path: Path) -> None:
    """`verifier --credentials` on a file that is not there: status 2, said in French."""
    tmp_path.joinpath("pub").mkdir()
    sortie = subprocess.run(
        [sys.executable, "-m", "simulator", "verifier", str(tmp_path / "pub"),
         "--credentials", str(tmp_path / "absent.jsonl")],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert sortie.returncode == 2 and "fichier introuvable" in sortie.stderr
