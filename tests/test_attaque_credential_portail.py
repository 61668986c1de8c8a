"""A database administrator gives a voter a credential of their own and votes with it
through the portal (the « Deuxième passe » of docs/attaques-vote.md, left open there): the
portal took a ballot signed by the credential of the voter's row in SQLite, while the
count and the verifier follow the board's inscriptions, checked against the credential
authority's file and its signature on each replacement. The ballot was taken (« Accusé de
réception », émargement, board), then refused by the count (status 2): nothing falsified,
but the count blocked and a voter told « a voté » on a ballot that never counts; and the
voter, whose code no longer matched the row, could not vote.

Real components: the bureau seals, the authority derives the roll's credentials and
serves the réassort in its own process, the portal runs without any secret and is reached
over HTTP; the administrator writes the portal's SQLite file only (no key file)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import httpx
import pytest

from chiffrement import tableau
from chiffrement.credential import deriver_secret
from chiffrement.groupe import puissance_g, scalaire_aleatoire
from chiffrement.hachage import json_canonique
from fixtures.identifiants import deriver_code_vote, deriver_identifiants
from harnais.courrier import Mailbox
from simulator.commandes.process import PortalProcess
from simulator.vote.parametres_publics import lire_parametres_publies
from tests.conftest import page_text
from tests.election_essai import (
    SECRET,
    Election,
    compter_puis_verifier,
    entrer,
    portail_lance,
    poster_bulletin,
    preparer_election,
    session_forgee,
)

REFUS = "celle que l'autorité de credentials vous a donnée"


@pytest.fixture
def election(tmp_path: Path) -> Election:
    """A roll of 12 loaded and sealed by the bureau, its credentials by the authority."""
    return preparer_election(tmp_path / "election")


@pytest.fixture
def lance(election: Election) -> Iterator[PortalProcess]:
    """The portal, without any secret, and the authority's service beside it. The
    administrator's connections to its database open and close as they please while it
    runs (test_droits_fichiers: the portal keeps its -wal whatever they do)."""
    with portail_lance(election) as portail:
        yield portail


def _traces(base: Path) -> tuple[int, int, int]:
    """Émargements, ballots in the box, entries on the board."""
    with closing(sqlite3.connect(base)) as conn:
        return tuple(
            conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("emargement", "urne", "tableau")
        )


def _ligne(base: Path, email: str) -> sqlite3.Row:
    """The voter's row (id, scrutins, credential) in the portal's database."""
    with closing(sqlite3.connect(base)) as conn:
        conn.row_factory = sqlite3.Row
        lignes: list[sqlite3.Row] = conn.execute(
            "SELECT id, scrutins, credential FROM voters WHERE email = ?", (email,)
        ).fetchall()
        return lignes[0]


def _vote_de_l_admin_refuse(lance: PortalProcess, election: Election, email: str, x: int) -> None:
    """The administrator's ballot, signed with x under a session row of their making, is
    refused with the reason, and nothing is written."""
    avant = _traces(election.base)
    jeton = session_forgee(election.base, int(_ligne(election.base, email)["id"]), True)
    reponse = poster_bulletin(lance.url, jeton, lire_parametres_publies(election.publication), x)
    assert "Accusé de réception" not in reponse.text, (
        "NON ARRÊTÉ : le portail prend le bulletin d'une credential que l'administrateur "
        "de la base a écrite pour l'électeur"
    )
    assert REFUS in page_text(reponse), page_text(reponse)[:2000]
    assert _traces(election.base) == avant


def _l_electeur_vote(lance: PortalProcess, email: str, code: str) -> None:
    """The voter, with the code de vote the authority gave them, votes in one scrutin."""
    with httpx.Client(base_url=lance.url, follow_redirects=True, timeout=60) as client:
        assert entrer(client, email).parcours.voter(code, 1, min) == 1


def test_attaque_admin_une_credential_ecrite_dans_voters_est_refusee_au_depot(
    election: Election, lance: PortalProcess
) -> None:
    """`UPDATE voters SET credential = g^x'` for an abstainer, then a ballot signed by x':
    refused at the deposit, no émargement, no board entry; the voter, with the code of
    the notice, still votes, and the count and the verifier hold."""
    victime = election.electeur(5)
    x = scalaire_aleatoire()
    with sqlite3.connect(election.base) as conn:
        conn.execute(
            "UPDATE voters SET credential = ? WHERE email = ?", (puissance_g(x).texte(), victime)
        )
    _vote_de_l_admin_refuse(lance, election, victime, x)
    _l_electeur_vote(lance, victime, deriver_code_vote(victime, SECRET))
    assert lance.stop() == 0
    verifie = compter_puis_verifier(election)
    assert verifie.returncode == 0, verifie.stderr


def test_attaque_admin_une_credential_non_signee_au_tableau_est_refusee_au_depot(
    election: Election, lance: PortalProcess
) -> None:
    """A « credential » entry appended to the board, replacing an abstainer's credential
    by g^x' without the authority's signature, and the row given g^x': the ballot signed
    by x' is refused, nothing written; the voter still votes with the notice's code (the
    forged entry breaks the board for the verifier: the bureau must take it out)."""
    parametres = lire_parametres_publies(election.publication)
    victime = election.electeur(6)
    ligne = _ligne(election.base, victime)
    noms = set(str(ligne["scrutins"]).split("|"))
    x = scalaire_aleatoire()
    contenu = {
        "credential": puissance_g(x).texte(),
        "scrutins": sorted(i for i, s in parametres.scrutins.items() if s.nom in noms),
        "remplace": ligne["credential"],
    }
    with sqlite3.connect(election.base) as conn:
        (texte,) = conn.execute(
            "SELECT entree FROM tableau ORDER BY hauteur DESC LIMIT 1"
        ).fetchone()
        suivante = tableau.entree(json.loads(texte), "credential", contenu)
        conn.execute(
            "INSERT INTO tableau (hauteur, type, entree) VALUES (?, 'credential', ?)",
            (suivante["hauteur"], json_canonique(suivante).decode()),
        )
        conn.execute(
            "UPDATE voters SET credential = ? WHERE id = ?", (contenu["credential"], ligne["id"])
        )
    _vote_de_l_admin_refuse(lance, election, victime, x)
    _l_electeur_vote(lance, victime, deriver_code_vote(victime, SECRET))
    assert lance.stop() == 0
    verifie = compter_puis_verifier(election)
    # The forged entry itself breaks the board, whatever the portal does: the verifier
    # names it (not the voter's ballot after it), and the bureau must take it out.
    assert verifie.returncode != 0, verifie.stdout
    assert "sans l'aval de l'autorité" in verifie.stderr, verifie.stderr


def test_apres_un_reassort_signe_le_nouveau_code_vote_et_l_ancien_non(
    election: Election, lance: PortalProcess
) -> None:
    """The honest path the check must keep: after a réassort the authority signed, the
    new code's ballot is taken; a ballot signed with the notice's credential (replaced)
    is refused, even with the row given back that credential by the administrator."""
    parametres = lire_parametres_publies(election.publication)
    email = election.electeur(7)
    ancienne = _ligne(election.base, email)["credential"]
    boite = Mailbox(lance.mail_api_url, timeout=30.0)
    with httpx.Client(base_url=lance.url, follow_redirects=True, timeout=60) as client:
        reponse = deriver_identifiants(email, SECRET).answer
        envoye = entrer(client, email)._poster("/vote/code/reassort", {"reponse": reponse})
        assert "Un nouveau code de vote vient de vous être envoyé" in page_text(envoye)
    nouveau = boite.wait_for_mail(email).code_vote()
    assert nouveau is not None
    with sqlite3.connect(election.base) as conn:
        conn.execute("UPDATE voters SET credential = ? WHERE email = ?", (ancienne, email))
    ancien_x = deriver_secret(
        deriver_code_vote(email, SECRET), parametres.election, email, parametres.iterations
    )
    _vote_de_l_admin_refuse(lance, election, email, ancien_x)
    _l_electeur_vote(lance, email, nouveau)
    assert lance.stop() == 0
    verifie = compter_puis_verifier(election)
    assert verifie.returncode == 0, verifie.stderr
