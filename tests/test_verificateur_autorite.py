"""The verifier against the credential authority's public file (`verifier --credentials`):
the board must open with exactly the authority's credentials."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from chiffrement.credential import credential_publique
from chiffrement.credentials_publiques import ecrire_credentials
from chiffrement.erreurs import Incoherence
from chiffrement.parametres import Parametres
from chiffrement.tableau import Urne
from chiffrement.verificateur import Rapport, Tableau, verifier_autorite
from simulator.vote.parametres_publics import lire_parametres_publies
from simulator.vote.scrutins_publics import sceller_essai

ROOT = Path(__file__).resolve().parent.parent


def _tableau(parametres: Parametres, ouverture: set[str], remplacements: int = 0) -> Tableau:
    """A board checked up to its closing that opened with `ouverture`."""
    return Tableau(
        parametres, Urne(parametres, {}), None, Rapport(), frozenset(ouverture), remplacements
    )


@pytest.fixture
def parametres(tmp_path: Path) -> Parametres:
    """Public parameters of a test sealing."""
    publication, _ = sceller_essai(tmp_path / "scellement")
    return lire_parametres_publies(publication)


def _autorite(tmp_path: Path, parametres: Parametres, n: int) -> tuple[Path, list[str]]:
    """The authority's file for n voters; the g^x it holds."""
    gx = [credential_publique(1000 + i).texte() for i in range(n)]
    chemin = tmp_path / f"autorite-{n}.jsonl"
    ecrire_credentials(chemin, parametres, [(f"v{i}@ac-lyon.fr", g) for i, g in enumerate(gx)])
    return chemin, gx


def test_a_board_opened_with_the_authority_credentials_holds(
    tmp_path: Path, parametres: Parametres
) -> None:
    """Same credentials: the check passes and says so, réassorts counted."""
    chemin, gx = _autorite(tmp_path, parametres, 3)
    tableau = _tableau(parametres, set(gx), remplacements=1)
    verifier_autorite(tableau, chemin)
    assert any(
        "celles de l'autorité (3" in e and "1 remplacée" in e for e in tableau.rapport.etapes
    )


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


def test_an_opening_that_gives_a_credential_other_scrutins_is_named(
    tmp_path: Path, parametres: Parametres
) -> None:
    """The authority's file (format 2) gives each credential its scrutins: a board that
    opens with one credential allowed in one scrutin more (a row changed in the portal's
    database before the opening) is refused; the same scrutins pass and say so."""
    ids = sorted(parametres.scrutins)
    gx = [credential_publique(2000 + i).texte() for i in range(2)]
    chemin = tmp_path / "autorite-scrutins.jsonl"
    electeurs = {"a@ac-lyon.fr": gx[0], "b@ac-lyon.fr": gx[1]}
    ecrire_credentials(
        chemin,
        parametres,
        electeurs.items(),
        {"a@ac-lyon.fr": [ids[0]], "b@ac-lyon.fr": [ids[0], ids[1]]},
    )
    juste = {gx[0]: frozenset({ids[0]}), gx[1]: frozenset({ids[0], ids[1]})}
    tableau = _tableau(parametres, set(gx))
    tableau.scrutins_ouverture = juste
    verifier_autorite(tableau, chemin)
    assert any("chacune avec ses scrutins" in e for e in tableau.rapport.etapes)
    tableau.scrutins_ouverture = {**juste, gx[0]: frozenset({ids[0], ids[1]})}
    with pytest.raises(Incoherence, match="1 credential\\(s\\) d'autres scrutins"):
        verifier_autorite(tableau, chemin)
