"""An election made by real commands, for the tests that attack the vote with real
processes (tests/test_autorite_attaques.py, tests/test_attaque_credentials.py): the bureau
loads and seals a roll, the credential authority derives its public credentials; then a
portal started without any secret, the authority's service beside it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from fixtures.generateur import OptionsListe, ecrire_fichier_liste
from fixtures.identifiants import deriver_identifiants
from simulator.commandes.demonstration import Demonstration, portail_et_autorite
from simulator.commandes.process import PortalProcess
from tests.conftest import Portail

SECRET = "secret-tenu-par-l-autorite"
CODE = "135790"
ROOT = Path(__file__).resolve().parent.parent


def simulateur(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m simulator ARGS…` from the repository, its output captured."""
    return subprocess.run(
        [sys.executable, "-m", "simulator", *args],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip


@dataclass(frozen=True)
class Election:
    """What the bureau and the authority produced before the portal starts."""

    dossier: Path
    liste: Path
    base: Path
    publication: Path
    credentials: Path

    @property
    def demonstration(self) -> Demonstration:
        """The portal's public files and the key shared with the authority."""
        return Demonstration(self.publication, self.credentials, self.dossier / "portail.cle")

    def options_portail(self) -> tuple[str, ...]:
        """A recette portal on this database, with neither roll nor secret."""
        return (
            "--db", str(self.base), "--captcha-recette", CODE, "--hash-cost", "fast",
            "--ouverture-vote", "maintenant", "--cloture-vote", "dans 1 jours",
        )  # fmt: skip

    def electeur(self, rang: int) -> str:
        """The address of the roll's voter of that rank (from 0)."""
        lignes = self.liste.read_text(encoding="utf-8").splitlines()[1:]
        return lignes[rang].split(",")[3].strip().lower()


def preparer_election(dossier: Path, secret: str = SECRET) -> Election:
    """A roll of 12 « actif » voters loaded and sealed by `sceller`, its credentials derived
    by `autorite generer`, in `dossier`."""
    dossier.mkdir(parents=True, exist_ok=True)
    liste = dossier / "liste.csv"
    ecrire_fichier_liste(OptionsListe(count=12, seed=21, actif_share=1.0), liste)
    base, publication = dossier / "portail.sqlite3", dossier / "publication"
    scelle = simulateur(
        "sceller", "--db", str(base), "--voters", str(liste), "--secret", secret,
        "--iterations", "1000", "--publication", str(publication),
        "--fragments", str(dossier / "tiers"),
        "--ouverture-vote", "maintenant", "--cloture-vote", "dans 1 jours",
    )  # fmt: skip
    assert scelle.returncode == 0, scelle.stderr
    credentials = dossier / "autorite" / "credentials.jsonl"
    genere = simulateur(
        "autorite", "generer", "--voters", str(liste), "--secret", secret,
        "--parametres", str(publication), "--sortie", str(credentials), "--processus", "1",
    )  # fmt: skip
    assert genere.returncode == 0, genere.stderr
    assert "empreinte" in genere.stdout and credentials.stat().st_mode & 0o077 == 0
    return Election(dossier, liste, base, publication, credentials)


@contextmanager
def portail_lance(election: Election) -> Iterator[PortalProcess]:
    """The portal, started without any secret, and the authority's service beside it."""
    with portail_et_autorite(
        election.demonstration, election.liste, *election.options_portail()
    ) as portail:
        yield portail


def entrer(client: httpx.Client, email: str) -> Portail:
    """Log in as the voter, with the password the roll's secret gives its owner."""
    navigation = Portail(client)
    navigation.identify(email, CODE)
    navigation.parcours.mot_de_passe(deriver_identifiants(email, SECRET).password)
    return navigation
