"""A database administrator casts a ballot for an abstainer by giving the abstainer's
place on the board a credential of their own, or lets a voter vote in a scrutin the roll
does not give them (issue #21's attacks 3 and 4 again, found still open on 3 December).
Real components: the bureau seals, the credential authority derives the roll's public
credentials and serves the réassort in its own process, the portal runs without any
secret and is reached over HTTP; the administrator has write access to the portal's
SQLite file only (no key file) and, in the second attack, a voter's mailbox of their own;
then the bureau's `depouiller` and anyone's `verifier --credentials`.

- A credential entry written on the board by the administrator: held since the authority
  signs each replacement (chiffrement/signature_autorite.py) and the verifier, given its
  file, refuses one it did not sign.
- A genuine réassort steered to the administrator's mailbox (V's row given C's address):
  it was counted and the verifier said « tout tient », the authority signing the
  « remplace » the portal named and mailing the address it named. Held since the
  authority keeps a register of the credentials it gave each voter and refuses to replace
  one it did not give that voter (409: the portal says the réassort is unavailable).
- A scrutin added to a voter's row before the opening: held since the authority's file
  carries each credential's scrutins (format 2): the portal refuses to start.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from chiffrement import tableau
from chiffrement.bulletin import construire_bulletin
from chiffrement.credential import deriver_secret
from chiffrement.groupe import puissance_g, scalaire_aleatoire
from chiffrement.hachage import empreinte, json_canonique
from chiffrement.parametres import Parametres
from fixtures.identifiants import deriver_code_vote, deriver_identifiants
from harnais.courrier import Mailbox
from simulator.commandes.demonstration import portail_et_autorite
from simulator.commandes.process import PortalProcess
from simulator.vote.parametres_publics import lire_parametres_publies
from tests.conftest import page_text
from tests.election_essai import (
    SECRET,
    Election,
    compter_puis_verifier,
    csrf,
    entrer,
    portail_lance,
    poster_bulletin,
    preparer_election,
    session_forgee,
)


@pytest.fixture
def election(tmp_path: Path) -> Election:
    """A roll of 12 loaded and sealed by the bureau, its credentials by the authority."""
    return preparer_election(tmp_path / "election")


@pytest.fixture
def lance(election: Election) -> Iterator[PortalProcess]:
    """The portal, without any secret, and the authority's service beside it."""
    with portail_lance(election) as portail:
        yield portail


def _un_vote_honnete(portail: PortalProcess, election: Election) -> None:
    """Voter 0 votes in one scrutin, as a browser does."""
    email = election.electeur(0)
    with httpx.Client(base_url=portail.url, follow_redirects=True, timeout=60) as client:
        votant = entrer(client, email)
        assert votant.parcours.voter(deriver_code_vote(email, SECRET), 1, min) == 1


def _parametres(election: Election) -> Parametres:
    return lire_parametres_publies(election.publication)


def test_attaque_admin_une_credential_ajoutee_au_tableau_est_refusee(
    election: Election, lance: PortalProcess
) -> None:
    """The administrator appends, while the portal runs and with no trigger dropped, a
    « credential » entry replacing an abstainer's credential by g^x for an x of their
    own, a ballot signed with x, its row in the box and the abstainer's émargement.
    Counted, and `verifier --credentials` said « tout tient … 1 remplacée(s) depuis par
    un réassort » until the authority signed its replacements; now the verifier names
    the entry « sans l'aval de l'autorité »."""
    _un_vote_honnete(lance, election)
    parametres = _parametres(election)
    victime = election.electeur(5)
    x = scalaire_aleatoire()
    with sqlite3.connect(election.base) as conn:
        conn.row_factory = sqlite3.Row
        ligne = conn.execute(
            "SELECT id, scrutins, credential FROM voters WHERE email = ?", (victime,)
        ).fetchone()
        noms = set(str(ligne["scrutins"]).split("|"))
        ids = sorted(i for i, s in parametres.scrutins.items() if s.nom in noms)

        def ajouter(type_: str, contenu: dict[str, object], bulletin: str | None) -> None:
            (texte,) = conn.execute(
                "SELECT entree FROM tableau ORDER BY hauteur DESC LIMIT 1"
            ).fetchone()
            suivante = tableau.entree(json.loads(texte), type_, contenu)
            conn.execute(
                "INSERT INTO tableau (hauteur, type, empreinte_bulletin, entree)"
                " VALUES (?, ?, ?, ?)",
                (suivante["hauteur"], type_, bulletin, json_canonique(suivante).decode()),
            )

        remplace = {"credential": puissance_g(x).texte(), "scrutins": ids}
        ajouter("credential", {**remplace, "remplace": ligne["credential"]}, None)
        bulletin = construire_bulletin(parametres, ids[0], [0], x)
        ajouter("bulletin", bulletin, empreinte(bulletin))
        conn.execute(
            "INSERT INTO urne (id, scrutin, bulletin) VALUES (?, ?, ?)",
            (secrets.token_hex(16), parametres.scrutins[ids[0]].nom, json_canonique(bulletin)),
        )
        conn.execute(
            "INSERT INTO emargement (voter_id, scrutin) VALUES (?, ?)",
            (ligne["id"], parametres.scrutins[ids[0]].nom),
        )
    assert lance.stop() == 0
    verifie = compter_puis_verifier(election)
    assert verifie.returncode != 0, (
        "NON DÉTECTÉ : un bulletin de l'administrateur pour un abstentionniste, par une "
        f"credential qu'aucune autorité n'a donnée, passe le vérificateur :\n{verifie.stdout}"
    )
    assert "sans l'aval de l'autorité" in verifie.stderr, verifie.stderr


def test_attaque_admin_un_reassort_detourne_vers_sa_boite_est_refuse(
    election: Election, lance: PortalProcess
) -> None:
    """The administrator, also voter C, gives the abstainer V's row C's address and
    answer hash, asks the réassort of V's code de vote with C's answer (a session row of
    their own making): the authority mails the new code to C and the portal puts its
    credential in place of V's; the rows put back, the administrator votes as V with
    that code. It was counted and `verifier --credentials` exited 0 (the authority signed
    the replacement the portal asked for); now the authority refuses a réassort whose
    replaced credential is not one it gave that voter, and the portal, which names the
    credential the authority's file gives the row's address, replaces C's own and takes
    for V only the credential the authority gave V."""
    parametres = _parametres(election)
    boite = Mailbox(lance.mail_api_url, timeout=30.0)
    moi, victime = election.electeur(3), election.electeur(5)
    with sqlite3.connect(election.base) as conn:
        conn.row_factory = sqlite3.Row
        c = conn.execute("SELECT * FROM voters WHERE email = ?", (moi,)).fetchone()
        v = conn.execute("SELECT * FROM voters WHERE email = ?", (victime,)).fetchone()
        conn.execute("UPDATE voters SET email = ? WHERE id = ?", ("x-" + moi, c["id"]))
        conn.execute(
            "UPDATE voters SET email = ?, question = ?, answer_hash = ? WHERE id = ?",
            (moi, c["question"], c["answer_hash"], v["id"]),
        )
    jeton = session_forgee(election.base, int(v["id"]), code_accepte=False)
    cookies = {"session_electeur": jeton}
    with httpx.Client(base_url=lance.url, follow_redirects=True, timeout=60, cookies=cookies) as cl:
        page = cl.get("/vote/code/reassort")
        reponse = deriver_identifiants(moi, SECRET).answer
        envoye = cl.post("/vote/code/reassort", data={"csrf": csrf(page.text), "reponse": reponse})
    with sqlite3.connect(election.base) as conn:
        conn.execute(
            "UPDATE voters SET email = ?, question = ?, answer_hash = ? WHERE id = ?",
            (victime, v["question"], v["answer_hash"], v["id"]),
        )
        conn.execute("UPDATE voters SET email = ? WHERE id = ?", (moi, c["id"]))
    if "nouveau code de vote vient de vous être envoyé" not in envoye.text:
        # Blocked: the authority refused to replace a credential it never gave C; the
        # portal says the réassort is unavailable, and no code was mailed.
        assert "momentanément indisponible" in page_text(envoye), page_text(envoye)
        assert boite.count(moi) == 0
        return
    code = boite.wait_for_mail(moi).code_vote()
    assert code is not None
    x = deriver_secret(code, parametres.election, moi, parametres.iterations)
    jeton = session_forgee(election.base, int(v["id"]), code_accepte=True)
    accuse = poster_bulletin(lance.url, jeton, parametres, x)
    if "Accusé de réception" not in accuse.text:
        # Blocked at the deposit too: the portal names to the authority the credential its
        # file gives the address of the row (C's own, so the authority replaces it and
        # mails C), and takes for V only the credential the authority gave V.
        assert "celle que l'autorité de credentials vous a donnée" in page_text(accuse)
        return
    assert lance.stop() == 0
    verifie = compter_puis_verifier(election)
    assert verifie.returncode != 0, (
        "NON DÉTECTÉ : un réassort détourné vers la boîte de l'administrateur lui a fait "
        f"voter pour un abstentionniste, et le vérificateur dit que tout tient :\n{verifie.stdout}"
    )


def test_attaque_admin_un_scrutin_ajoute_a_un_electeur_avant_l_ouverture_est_refuse(
    election: Election,
) -> None:
    """Between the bureau's loading of the roll and the portal's first start, the
    administrator adds a sealed scrutin to voter C's row; the portal opens the board with
    C's credential allowed there and C votes in it. It was counted, and `verifier
    --credentials` exited 0: the authority's file named each voter's g^x, not the
    scrutins it may vote in. Now the file carries each credential's scrutins (the
    authority reads them from the roll) and the portal refuses to start."""
    parametres = _parametres(election)
    moi = election.electeur(3)
    with sqlite3.connect(election.base) as conn:
        (scrutins,) = conn.execute("SELECT scrutins FROM voters WHERE email = ?", (moi,)).fetchone()
        siens = str(scrutins).split("|")
        autre = next(s.nom for s in parametres.scrutins.values() if s.nom not in siens)
        conn.execute("UPDATE voters SET scrutins = ? WHERE email = ?", (f"{scrutins}|{autre}", moi))
    with ExitStack() as pile:
        try:
            portail = pile.enter_context(
                portail_et_autorite(
                    election.demonstration, election.liste, *election.options_portail()
                )
            )
        except RuntimeError as refus:
            # The portal refused to start on this roll: the attack is blocked, said so.
            assert "n'ont pas les scrutins que leur donne" in str(refus), refus
            return
        client = pile.enter_context(
            httpx.Client(base_url=portail.url, follow_redirects=True, timeout=60)
        )
        votant = entrer(client, moi)
        votes = votant.parcours.voter(deriver_code_vote(moi, SECRET), len(siens) + 1, min)
    assert votes == len(siens) + 1
    verifie = compter_puis_verifier(election)
    assert verifie.returncode != 0, (
        f"NON DÉTECTÉ : l'électeur a voté dans « {autre} », scrutin que la liste ne lui "
        f"donne pas, et le vérificateur dit que tout tient :\n{verifie.stdout}"
    )
