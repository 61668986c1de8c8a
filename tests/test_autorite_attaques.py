"""The credential authority apart from the portal (issue #21, point 4), tried as an attacker
would, with real processes: the bureau loads and seals, the authority derives the public
credentials and serves the réassort of the code de vote in its own process, the portal is
started without any secret and reached over HTTP, mails go through the real SMTP sink.

- After a whole réassort journey, no code de vote (the notice's or the new one) is in the
  portal's database file, its WAL, its outbox or its output.
- A credentials file other than the first one, or made for other parameters, is refused.
- The authority answers no request but the portal's (unsigned, wrong key, replayed).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from chiffrement.credential import credential_publique
from chiffrement.tableau import entree
from fixtures.generateur import OptionsListe, ecrire_fichier_liste
from fixtures.identifiants import deriver_code_vote, deriver_identifiants
from harnais.courrier import Mailbox
from simulator.asgi.signature import entetes_signes, lire_cle
from simulator.commandes.demonstration import Demonstration, portail_et_autorite
from simulator.commandes.process import PortalProcess
from tests.conftest import Portail, page_text

SECRET = "secret-tenu-par-l-autorite"
CODE = "135790"
ROOT = Path(__file__).resolve().parent.parent


# A portal refused at start never binds; were it accepted, free ports, never 8000.
PORTS = ("--port", "0", "--smtp-port", "0", "--mail-port", "0")


def _simulateur(*args: str) -> subprocess.CompletedProcess[str]:
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


def _preparer(dossier: Path, secret: str = SECRET) -> Election:
    dossier.mkdir(parents=True, exist_ok=True)
    liste = dossier / "liste.csv"
    ecrire_fichier_liste(OptionsListe(count=12, seed=21, actif_share=1.0), liste)
    base, publication = dossier / "portail.sqlite3", dossier / "publication"
    scelle = _simulateur(
        "sceller", "--db", str(base), "--voters", str(liste), "--secret", secret,
        "--iterations", "1000", "--publication", str(publication),
        "--fragments", str(dossier / "tiers"),
        "--ouverture-vote", "maintenant", "--cloture-vote", "dans 1 jours",
    )  # fmt: skip
    assert scelle.returncode == 0, scelle.stderr
    credentials = dossier / "autorite" / "credentials.jsonl"
    genere = _simulateur(
        "autorite", "generer", "--voters", str(liste), "--secret", secret,
        "--parametres", str(publication), "--sortie", str(credentials), "--processus", "1",
    )  # fmt: skip
    assert genere.returncode == 0, genere.stderr
    assert "empreinte" in genere.stdout and credentials.stat().st_mode & 0o077 == 0
    return Election(dossier, liste, base, publication, credentials)


@pytest.fixture(scope="module")
def election(tmp_path_factory: pytest.TempPathFactory) -> Election:
    """A roll loaded and sealed by the bureau, its credentials derived by the authority."""
    return _preparer(tmp_path_factory.mktemp("autorite"))


def _electeur(election: Election, rang: int) -> str:
    lignes = election.liste.read_text(encoding="utf-8").splitlines()[1:]
    return lignes[rang].split(",")[3].strip().lower()


@pytest.fixture
def lance(election: Election) -> Iterator[PortalProcess]:
    """The portal, started without any secret, and the authority's service beside it."""
    with portail_et_autorite(
        election.demonstration, election.liste, *election.options_portail()
    ) as portail:
        yield portail


def _entrer(portail: PortalProcess, client: httpx.Client, email: str) -> Portail:
    """Log in as the voter, with the password the roll's secret gives its owner."""
    navigation = Portail(client)
    navigation.identify(email, CODE)
    navigation.parcours.mot_de_passe(deriver_identifiants(email, SECRET).password)
    return navigation


def _octets(chemin: Path) -> bytes:
    return b"".join(
        p.read_bytes() for p in (chemin, Path(f"{chemin}-wal"), Path(f"{chemin}-shm")) if p.exists()
    )


def test_a_reassort_goes_through_the_authority_and_no_code_reaches_the_portal(
    election: Election, lance: PortalProcess
) -> None:
    """The new code arrives by the sink's SMTP from the authority, the notice's code is
    refused and the new one opens the vote, the board shows the replacement; then no code
    in the portal's database file, WAL, outbox or output."""
    email = _electeur(election, 0)
    ancien = deriver_code_vote(email, SECRET)
    boite = Mailbox(lance.mail_api_url, timeout=30.0)
    with httpx.Client(base_url=lance.url, follow_redirects=True, timeout=60) as client:
        portail = _entrer(lance, client, email)
        avant = client.get("/tableau.json").json()["entrees"]
        reponse = deriver_identifiants(email, SECRET).answer
        envoye = portail._poster("/vote/code/reassort", {"reponse": reponse})
        assert "Un nouveau code de vote vient de vous être envoyé" in page_text(envoye)
        mail = boite.wait_for_mail(email)
        nouveau = mail.code_vote()
        assert nouveau is not None and nouveau != ancien
        assert "Code de vote incorrect" in page_text(portail.ouvrir_vote(ancien))
        assert "Mes scrutins" in page_text(portail.ouvrir_vote(nouveau))
        apres = client.get("/tableau.json").json()["entrees"]
    remplacements = [e for e in apres[len(avant) :] if e["type"] == "credential"]
    assert len(remplacements) == 1 and remplacements[0]["contenu"]["remplace"]
    assert len(remplacements[0]["contenu"]["signature"]) == 128  # the authority's, Ed25519
    assert lance.stop() == 0
    octets = _octets(election.base)
    sortie = "\n".join(lance.lines)
    assert email.encode() in octets and "Portail arrêté" in sortie  # the search can find
    for code in (ancien, nouveau):
        for forme in (code, code.replace("-", ""), code.lower()):
            assert forme.encode() not in octets, forme
            assert forme not in sortie, forme
    with sqlite3.connect(election.base) as brut:
        corps = brut.execute("SELECT subject, text_body, html_body FROM outbox").fetchall()
    assert not any(nouveau in " ".join(map(str, ligne)) for ligne in corps)
    assert not any("code de vote" in str(ligne[0]) for ligne in corps)


def test_the_authority_refuses_a_request_not_from_the_portal(
    election: Election, lance: PortalProcess
) -> None:
    """Unsigned, signed with another key, or replayed: refused (401), nothing mailed."""
    email = _electeur(election, 1)
    autorite = next(a for a in lance.args if a.startswith("http://127.0.0.1:"))
    corps = json.dumps({"electeur": email, "nom": "x", "parametres": "x"}).encode()
    url = autorite + "/reassort"
    sans = httpx.post(url, content=corps)
    assert sans.status_code == 401
    faux = httpx.post(url, content=corps, headers=entetes_signes(b"\x01" * 32, corps))
    assert faux.status_code == 401 and "signature" in faux.text
    cle = lire_cle(election.demonstration.cle_autorite)
    entetes = entetes_signes(cle, corps)
    premiere = httpx.post(url, content=corps, headers=entetes)
    assert premiere.status_code == 409  # signed by the portal's key, but other parameters
    rejouee = httpx.post(url, content=corps, headers=entetes)
    assert rejouee.status_code == 401 and "rejouée" in rejouee.text
    assert Mailbox(lance.mail_api_url).count(email) == 0


def test_a_credentials_file_swapped_altered_or_for_other_parameters_is_refused(
    election: Election, tmp_path: Path
) -> None:
    """Once a portal has opened with one file, another one for the same parameters (here
    derived from another secret) stops it; so do a file altered by one digit and a file
    made for other parameters; each loudly, exit 1, before any request is served."""
    avec = (*election.options_portail(), "--parametres", str(election.publication))
    with PortalProcess(*avec, "--credentials", str(election.credentials)):
        pass  # the first start records the file's fingerprint (if no earlier test did)
    echange = tmp_path / "echange.jsonl"
    genere = _simulateur(
        "autorite", "generer", "--voters", str(election.liste), "--secret", "un-autre",
        "--parametres", str(election.publication), "--sortie", str(echange), "--processus", "1",
    )  # fmt: skip
    assert genere.returncode == 0, genere.stderr
    refus = _simulateur(*avec, *PORTS, "--credentials", str(echange))
    assert refus.returncode == 1 and "ONT CHANGÉ" in refus.stderr, refus.stderr
    lignes = election.credentials.read_text(encoding="utf-8").splitlines(keepends=True)
    lignes[1] = lignes[1][:-4] + ("0" if lignes[1][-4] != "0" else "1") + lignes[1][-3:]
    altere = tmp_path / "altere.jsonl"
    altere.write_text("".join(lignes), encoding="utf-8")
    neuve = ("--db", str(tmp_path / "neuve.sqlite3"), "--parametres", str(election.publication))
    refus = _simulateur(*neuve, *PORTS, "--credentials", str(altere))
    assert refus.returncode == 1 and "altéré" in refus.stderr, refus.stderr
    autre = _preparer(tmp_path / "autre", "un-autre-secret")
    refus = _simulateur(*neuve, *PORTS, "--credentials", str(autre.credentials))
    assert refus.returncode == 1 and "pas pour ceux-ci" in refus.stderr, refus.stderr


def test_the_board_served_during_the_vote_opens_with_the_authority_credentials(
    election: Election, lance: PortalProcess, tmp_path: Path
) -> None:
    """Anyone's verifier, given what the portal serves during the vote (parameters,
    credentials, board) and the authority's public file, finds the board opened with
    exactly the authority's credentials; with another election's authority file, it
    refuses."""
    dossier = tmp_path / "publie"
    _publier(lance, election, dossier)
    verifie = _simulateur("verifier", str(dossier), "--credentials", str(election.credentials))
    assert verifie.returncode == 0, verifie.stderr
    assert "celles de l'autorité (12" in verifie.stdout, verifie.stdout
    autre = _preparer(tmp_path / "autre", secret="un-autre-secret")
    refuse = _simulateur("verifier", str(dossier), "--credentials", str(autre.credentials))
    assert refuse.returncode == 1 and "credentials" in refuse.stderr, refuse.stderr


def _publier(portail: PortalProcess, election: Election, dossier: Path) -> None:
    """What the portal serves during the vote, in a folder the verifier reads."""
    dossier.mkdir()
    with httpx.Client(base_url=portail.url, timeout=60) as client:
        for chemin, nom in (
            ("/election/parametres.json", "parametres.json"),
            ("/election/credentials.json", "credentials.json"),
            ("/tableau.json", "tableau.json"),
        ):
            reponse = client.get(chemin)
            assert reponse.status_code == 200, chemin
            (dossier / nom).write_bytes(reponse.content)
    empreinte = (election.publication / "parametres.empreinte").read_text(encoding="utf-8")
    (dossier / "parametres.empreinte").write_text(empreinte, encoding="utf-8")


def test_a_credential_the_host_puts_in_place_of_a_voter_s_is_refused(
    election: Election, lance: PortalProcess, tmp_path: Path
) -> None:
    """The portal's host, who holds the key shared with the authority and writes the board,
    has a réassort done, then publishes a board where the new credential is one of its own
    (its x in hand, it could sign ballots for that voter), the chain recomputed: the
    verifier, given the authority's file, accepts the genuine board and refuses that one,
    the authority's signature not covering the host's credential."""
    email = _electeur(election, 2)
    with httpx.Client(base_url=lance.url, follow_redirects=True, timeout=60) as client:
        portail = _entrer(lance, client, email)
        reponse = deriver_identifiants(email, SECRET).answer
        envoye = portail._poster("/vote/code/reassort", {"reponse": reponse})
        assert "Un nouveau code de vote vient de vous être envoyé" in page_text(envoye)
    _publier(lance, election, tmp_path / "vrai")
    verifie = _simulateur(
        "verifier", str(tmp_path / "vrai"), "--credentials", str(election.credentials)
    )
    assert verifie.returncode == 0, verifie.stderr
    assert "chacune signée par l'autorité" in verifie.stdout, verifie.stdout
    entrees = json.loads((tmp_path / "vrai" / "tableau.json").read_text(encoding="utf-8"))
    derniere = max(e["hauteur"] for e in entrees["entrees"] if e["type"] == "credential")
    refaites = [entrees["entrees"][0]]
    for e in entrees["entrees"][1:]:
        contenu = e["contenu"]
        if e["hauteur"] == derniere:  # the host's own credential in the authority's place
            contenu = {**contenu, "credential": credential_publique(123456789).texte()}
        refaites.append(entree(refaites[-1], e["type"], contenu))
    faux = tmp_path / "faux"
    shutil.copytree(tmp_path / "vrai", faux)
    (faux / "tableau.json").write_text(json.dumps({"entrees": refaites}), encoding="utf-8")
    refuse = _simulateur("verifier", str(faux), "--credentials", str(election.credentials))
    assert refuse.returncode == 1, refuse.stdout
    assert "sans l'aval de l'autorité" in refuse.stderr, refuse.stderr
