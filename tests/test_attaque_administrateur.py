"""Attacks of a database administrator (write access to the portal's SQLite file, none to
its key files) found still open after issue #21, tried against a real portal and its real
SQLite file, then with anyone's verifier (`python -m simulator verifier`).

- The proof of vote was signed from the session row: rewriting that row's last receipt
  made the portal sign a « proof » for a ballot that is not on the board (a fingerprint
  typed in, height 999). It signs now only a ballot found on the board at that height.
- A ballot removed from the board with one émargement of its scrutin, the later entries
  chained anew: the board holds on its own, the count agrees, and only the voters'
  receipts can tell. `verifier --preuves` holds their proofs of vote against the board.
- « Vérifier mon vote » answered from the board's index column, which the administrator
  may write: a removed ballot's fingerprint put on another row passed for present. The
  page now reads the entry and recomputes its fingerprint.

The credential attacks (a ballot for an abstainer) are in test_attaque_credentials.py.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from chiffrement import tableau
from chiffrement.hachage import empreinte, json_canonique
from fixtures.reference import listes_candidates
from harnais.courrier import Mailbox
from simulator.mailsink import MailSink
from tests.conftest import Portail, page_text, portail_dans_le_vote
from tests.test_vote_ecrans import CSA

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def scelle(tmp_path: Path, sink: MailSink, mailbox: Mailbox) -> Iterator[Portail]:
    """A sealed portal on its own SQLite file, its clock inside the 2026 vote."""
    with portail_dans_le_vote(tmp_path, sink.smtp_port) as portail:
        yield portail


def _voter(portail: Portail, liste: int = 0) -> str:
    """A new voter logs in and votes in the CSA; the receipt's link to the proof of vote."""
    electeur = portail.creer_electeur("actif")
    assert portail.login(electeur["email"], electeur["password"]).status_code == 200
    portail.ouvrir_vote(electeur["code_vote"])
    accuse = portail.voter(1, listes_candidates(CSA)[liste])
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


def _retirer_et_rechainer(base: Path, hauteur: int) -> None:
    """What an administrator who drops the triggers does: the ballot at `hauteur` out of
    the board and the box, one émargement of its scrutin out (the émargement does not say
    whose ballot is whose; any voter of the scrutin will do), every later entry chained
    anew, the triggers put back."""
    with sqlite3.connect(base) as conn:
        declencheurs = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
        ).fetchall()
        for nom, _sql in declencheurs:
            conn.execute(f"DROP TRIGGER {nom}")
        lues = [
            json.loads(t) for (t,) in conn.execute("SELECT entree FROM tableau ORDER BY hauteur")
        ]
        retiree = lues[hauteur]["contenu"]
        nom_scrutin = conn.execute(
            "SELECT scrutin FROM urne WHERE bulletin = ?", (json_canonique(retiree),)
        ).fetchone()[0]
        conn.execute("DELETE FROM urne WHERE bulletin = ?", (json_canonique(retiree),))
        conn.execute(
            "DELETE FROM emargement WHERE (voter_id, scrutin) IN"
            " (SELECT voter_id, scrutin FROM emargement WHERE scrutin = ? LIMIT 1)",
            (nom_scrutin,),
        )
        conn.execute("DELETE FROM tableau WHERE hauteur >= ?", (hauteur,))
        precedente = lues[hauteur - 1]
        for ancienne in lues[hauteur + 1 :]:
            nouvelle = tableau.entree(precedente, ancienne["type"], ancienne["contenu"])
            bulletin = empreinte(nouvelle["contenu"]) if nouvelle["type"] == "bulletin" else None
            texte = json_canonique(nouvelle).decode()
            conn.execute(
                "INSERT INTO tableau (hauteur, type, empreinte_bulletin, entree)"
                " VALUES (?, ?, ?, ?)",
                (nouvelle["hauteur"], nouvelle["type"], bulletin, texte),
            )
            precedente = nouvelle
        for _nom, sql in declencheurs:
            conn.execute(sql)


def test_attaque_admin_un_bulletin_retire_chainage_recalcule_est_nomme_par_les_preuves(
    scelle: Portail, tmp_path: Path
) -> None:
    """Three voters vote and keep their proofs of vote; the administrator removes the
    second ballot (and an émargement) and chains the later entries anew. The board the
    portal then serves holds on its own (`verifier`: 0); given the voters' proofs
    (`verifier --preuves`), the verifier names the first proof the board betrays."""
    preuves = tmp_path / "preuves"
    preuves.mkdir()
    hauteurs = []
    for rang in range(3):
        document = scelle.client.get(_voter(scelle, rang)).json()
        (preuves / f"preuve-{rang + 1}.json").write_text(json.dumps(document), encoding="utf-8")
        hauteurs.append(document["accuse"]["hauteur"])
    _retirer_et_rechainer(tmp_path / "portail.sqlite3", hauteurs[1])
    publie = tmp_path / "publie"
    publie.mkdir()
    for chemin, nom in (
        ("/election/parametres.json", "parametres.json"),
        ("/election/credentials.json", "credentials.json"),
        ("/tableau.json", "tableau.json"),
    ):
        (publie / nom).write_bytes(scelle.client.get(chemin).content)
    empreinte_parametres = (tmp_path / "publication" / "parametres.empreinte").read_bytes()
    (publie / "parametres.empreinte").write_bytes(empreinte_parametres)
    seul = _verifier(publie)
    assert seul.returncode == 0, seul.stderr  # the re-chained board holds on its own
    avec = _verifier(publie, "--preuves", str(preuves))
    assert avec.returncode == 1, avec.stdout
    assert "preuve-2.json" in avec.stderr and "tableau réécrit" in avec.stderr, avec.stderr
    intacte = _verifier(publie, "--preuves", str(preuves / "preuve-1.json"))
    assert intacte.returncode == 0 and "1 preuve(s) de vote au tableau" in intacte.stdout


def _verifier(dossier: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simulator", "verifier", str(dossier), *options],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip


def test_attaque_admin_la_page_verifier_mon_vote_lit_le_bulletin_pas_l_index(
    scelle: Portail, tmp_path: Path
) -> None:
    """The second voter's ballot removed and the board chained anew, then its fingerprint
    written in the index column of another row (the opening's): « Vérifier mon vote » must
    still say that no ballot of the board has it, reading the entry itself."""
    documents = [scelle.client.get(_voter(scelle, rang)).json()["accuse"] for rang in range(2)]
    base = tmp_path / "portail.sqlite3"
    _retirer_et_rechainer(base, documents[1]["hauteur"])
    with sqlite3.connect(base) as conn:
        conn.execute("DROP TRIGGER tableau_no_update")
        conn.execute(
            "UPDATE tableau SET empreinte_bulletin = ? WHERE hauteur = 0",
            (documents[1]["empreinte"],),
        )
    reponses = [
        page_text(scelle._poster("/verification", {"empreinte": d["empreinte"]})) for d in documents
    ]
    assert "Votre bulletin figure au tableau public" in reponses[0], reponses[0]
    assert "Aucun bulletin du tableau public ne porte cette empreinte" in reponses[1], (
        f"NON DÉTECTÉ : la page dit présent un bulletin retiré du tableau :\n{reponses[1]}"
    )
