"""An election made by real commands, for the tests that attack the vote with real
processes (tests/test_autorite_attaques.py, tests/test_attaque_credentials.py): the bureau
loads and seals a roll, the credential authority derives its public credentials; then a
portal started without any secret, the authority's service beside it."""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from chiffrement.bulletin import construire_bulletin
from chiffrement.hachage import json_canonique
from chiffrement.parametres import Parametres
from fixtures.generateur import OptionsListe, ecrire_fichier_liste
from fixtures.identifiants import deriver_identifiants
from simulator.clock import Clock
from simulator.commandes.demonstration import Demonstration, portail_et_autorite
from simulator.commandes.process import PortalProcess
from simulator.storage import Database
from tests.conftest import Portail

SECRET = "secret-tenu-par-l-autorite"
CODE = "135790"
ROOT = Path(__file__).resolve().parent.parent
# The trustees' keys a count needs (three of the five sealed by `sceller`).
CLES = ("president.cle", "delegue-1.cle", "delegue-3.cle")


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


def session_forgee(base: Path, electeur_id: int, code_accepte: bool) -> str:
    """A session row written straight into the database, as its administrator can: a
    cookie the portal takes for the voter's, code de vote accepted or not. Returns the
    cookie's token."""
    jeton = secrets.token_urlsafe(32)
    donnees: dict[str, object] = {"electeur_id": electeur_id, "connecte_a": time.time()}
    if code_accepte:
        donnees["code_vote_accepte"] = electeur_id
    with sqlite3.connect(base) as conn:
        conn.execute(
            "INSERT INTO sessions (token_hash, data, expires_at) VALUES (?, ?, ?)",
            (hashlib.sha256(jeton.encode()).hexdigest(), json.dumps(donnees), time.time() + 3600),
        )
    return jeton


def csrf(html: str) -> str:
    """The CSRF token of a form page."""
    trouve = re.search(r'name="csrf" value="([^"]+)"', html)
    assert trouve, html[:500]
    return trouve.group(1)


def poster_bulletin(url: str, jeton: str, parametres: Parametres, x: int) -> httpx.Response:
    """With the session `jeton`, a ballot for the first list of scrutin 1 signed with the
    credential secret `x`, posted on its confirmation as « JE VOTE » does."""
    cookies = {"session_electeur": jeton}
    with httpx.Client(base_url=url, follow_redirects=True, timeout=60, cookies=cookies) as cl:
        confirmation = cl.get("/vote/scrutin/1/confirmation")
        scrutin = re.search(r'name="vote-scrutin" content="([^"]+)"', confirmation.text)
        assert scrutin, confirmation.text[:500]
        bulletin = json_canonique(construire_bulletin(parametres, scrutin.group(1), [0], x))
        champs = {"csrf": csrf(confirmation.text), "bulletin": bulletin.decode()}
        return cl.post("/vote/scrutin/1/confirmation", data=champs)


def compter_puis_verifier(election: Election) -> subprocess.CompletedProcess[str]:
    """After the closing and its grace (the portal's test clock moved): the bureau's
    count, then anyone's verifier given the authority's public file."""
    Clock(Database(election.base)).advance(2 * 86400)
    compte = simulateur(
        "depouiller", "--db", str(election.base), "--horloge-de-test",
        "--publication", str(election.publication),
        *(str(election.dossier / "tiers" / n) for n in CLES),
    )  # fmt: skip
    assert compte.returncode in (0, 2, 3), compte.stderr
    return simulateur(
        "verifier", str(election.publication), "--credentials", str(election.credentials)
    )
