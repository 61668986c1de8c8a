"""Attacks of a database administrator (write access to the portal's SQLite file, none to
its key files) found still open after issue #21, tried against a real portal and its real
SQLite file, then against the bureau's own commands (`depouiller`, `verifier`).

- The proof of vote is signed from the session row: rewriting that row's last receipt
  made the portal sign a « proof » for a ballot that is not on the board (a fingerprint
  typed in, height 999). It must sign only a ballot found on the board at that height.
- A credential entry appended to the board (« remplace » an abstainer's credential, by one
  whose secret the administrator drew), then a ballot signed with it, an émargement and a
  row of the box: the count counts it and the verifier, even given the authority's public
  file (`--credentials`), says everything holds. Nothing ties a réassort's credential to
  the authority (docs/attaques-vote.md, « Ce qui reste ouvert »).
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from fixtures.reference import listes_candidates
from harnais.courrier import Mailbox
from simulator.autorite.essai import autorite_essai
from simulator.mailsink import MailSink
from simulator.vote.scrutins_publics import sceller_essai
from tests.conftest import Portail, page_text, portail_regle
from tests.test_vote_ecrans import CSA, PENDANT

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def scelle(tmp_path: Path, sink: MailSink, mailbox: Mailbox) -> Iterator[Portail]:
    """A sealed portal on its own SQLite file, its clock inside the 2026 vote."""
    publication, _ = sceller_essai(tmp_path)
    with (
        autorite_essai(publication, tmp_path / "autorite.cle", sink.smtp_port) as appel,
        portail_regle(tmp_path, sink.smtp_port, **appel) as portail,
    ):
        portail.aller_a(PENDANT)
        yield portail


def _voter(portail: Portail) -> str:
    """A voter logs in and votes in the CSA; the receipt's link to the proof of vote."""
    electeur = portail.creer_electeur("actif")
    assert portail.login(electeur["email"], electeur["password"]).status_code == 200
    portail.ouvrir_vote(electeur["code_vote"])
    accuse = portail.voter(1, listes_candidates(CSA)[0])
    lien = re.search(r'href="(/vote/preuve[^"]+)"', accuse.text)
    assert lien, page_text(accuse)
    return lien.group(1).replace("&amp;", "&")


def _reecrire_accuse_de_session(base: Path, jeton: str, **champs: object) -> dict[str, object]:
    """What the administrator does: the session row found by the cookie's hash (which a
    network observer or the administrator's own session gives), its last receipt
    rewritten."""
    cle = hashlib.sha256(jeton.encode()).hexdigest()
    with sqlite3.connect(base) as conn:
        (texte,) = conn.execute("SELECT data FROM sessions WHERE token_hash = ?", (cle,)).fetchone()
        donnees = json.loads(texte)
        donnees["dernier_accuse"].update(champs)
        conn.execute(
            "UPDATE sessions SET data = ? WHERE token_hash = ?", (json.dumps(donnees), cle)
        )
    accuse: dict[str, object] = donnees["dernier_accuse"]
    return accuse


def test_attaque_admin_la_preuve_de_vote_n_est_signee_que_pour_un_bulletin_du_tableau(
    scelle: Portail, tmp_path: Path
) -> None:
    """The session's last receipt rewritten in the database (a fingerprint that no ballot
    has, then the real one at another height): no signed proof, 404; the true receipt,
    put back, still gets its proof."""
    lien = _voter(scelle)
    vraie = scelle.client.get(lien).json()["accuse"]
    jeton = scelle.client.cookies.get("session_electeur")
    assert jeton
    base = tmp_path / "portail.sqlite3"
    inventee = "ab" * 32
    _reecrire_accuse_de_session(base, jeton, empreinte=inventee, hauteur=999)
    forgee = scelle.client.get(f"/vote/preuve?scrutin=1&empreinte={inventee}")
    assert forgee.status_code == 404, f"preuve signée pour un bulletin absent : {forgee.text}"
    _reecrire_accuse_de_session(base, jeton, empreinte=vraie["empreinte"], hauteur=0)
    ailleurs = scelle.client.get(lien)
    assert ailleurs.status_code == 404, f"preuve signée à une autre hauteur : {ailleurs.text}"
    _reecrire_accuse_de_session(base, jeton, hauteur=vraie["hauteur"])
    assert scelle.client.get(lien).json()["accuse"]["empreinte"] == vraie["empreinte"]
