"""The vote's screens over HTTP: code de vote and its lock, the window and its grace, one
ballot per scrutin, the receipt and its proof, the code's réassort, the verification page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from fixtures.identifiants import SECRET_DEMONSTRATION, deriver_code_vote, deriver_identifiants
from fixtures.reference import listes_candidates
from harnais.courrier import Mailbox
from harnais.ecran import Ecran
from harnais.vote_chiffre import lire_page
from simulator.asgi.server import free_port
from simulator.asgi.signature import creer_cle
from simulator.autorite.generation import generer
from simulator.commandes.chargement import charger_liste
from simulator.mailsink import MailSink
from simulator.settings import CLOTURE_2026, OUVERTURE_2026, PARIS
from simulator.storage import Database
from simulator.storage.electeurs import scrutins_de_la_liste
from simulator.storage.urne import compter_bulletins
from simulator.vote.credentials import charger_credentials
from simulator.vote.parametres_publics import charger_parametres_publics
from simulator.vote.scrutins_publics import sceller_essai
from tests.conftest import Portail, page_text, portail_dans_le_vote, portail_regle

CSA = "CSA ministériel de l'éducation nationale"
ROOT = Path(__file__).resolve().parent.parent
PENDANT = datetime.fromtimestamp(OUVERTURE_2026, PARIS) + timedelta(hours=2)
CLOTURE = datetime.fromtimestamp(CLOTURE_2026, PARIS)


@pytest.fixture
def scelle(tmp_path: Path, sink: MailSink, mailbox: Mailbox) -> Iterator[Portail]:
    """A sealed portal (trustees' keys in tmp_path) whose clock stands inside the 2026
    vote, with a credential authority for the réassort of the code de vote."""
    with portail_dans_le_vote(tmp_path, sink.smtp_port) as portail:
        yield portail


def _votant(portail: Portail) -> dict[str, str]:
    electeur = portail.creer_electeur("actif")
    assert portail.login(electeur["email"], electeur["password"]).status_code == 200
    return electeur


def test_a_voter_votes_in_one_scrutin_and_gets_a_receipt_without_the_choice(
    scelle: Portail,
) -> None:
    """Code, scrutins, lists, confirmation, receipt with its fingerprint; the scrutin is
    then shown as voted and the proof names the scrutin, never the list."""
    electeur = _votant(scelle)
    scrutins = scelle.ouvrir_vote(electeur["code_vote"])
    assert scrutins.status_code == 200 and "Mes scrutins" in page_text(scrutins)
    liste = listes_candidates(CSA)[2]
    listes = scelle.client.get("/vote/scrutin/1")
    assert all(lst in page_text(listes) for lst in listes_candidates(CSA))
    confirmation = scelle.choisir(1, liste)
    # The portal does not know the choice: the browser shows it from its own memory.
    assert "MODIFIER MON CHOIX" in page_text(confirmation)
    assert not any(lst in page_text(confirmation) for lst in listes_candidates(CSA))
    accuse = scelle.voter(1, liste)
    texte = page_text(accuse)
    assert accuse.status_code == 200 and "Accusé de réception" in texte
    empreinte = re.search(r"[0-9a-f]{64}", texte)
    assert empreinte and liste not in texte
    apres = page_text(scelle.client.get("/vote/scrutins"))
    assert "A voté" in apres and 'href="/vote/scrutin/1"' not in apres
    lien = re.search(r'href="(/vote/preuve[^"]+)"', accuse.text)
    assert lien
    preuve = scelle.client.get(lien.group(1).replace("&amp;", "&"))
    assert "attachment" in preuve.headers["content-disposition"]
    assert preuve.json()["accuse"]["empreinte"] == empreinte.group(0)
    assert liste not in preuve.text


def test_a_scrutin_already_voted_cannot_be_voted_again(scelle: Portail, tmp_path: Path) -> None:
    """The second « JE VOTE » of the same scrutin (another tab) is refused, one ballot kept."""
    electeur = _votant(scelle)
    scelle.ouvrir_vote(electeur["code_vote"])
    liste = listes_candidates(CSA)[0]
    confirmation = scelle.choisir(1, liste)
    scelle.voter(1, liste)
    again = scelle._poster("/vote/scrutin/1/confirmation", {}, depuis=confirmation)
    assert "déjà voté" in page_text(again)
    assert compter_bulletins(Database(tmp_path / "portail.sqlite3").reader()) == 1


def test_wrong_codes_are_refused_then_locked(scelle: Portail) -> None:
    """A wrong code: a message; the fifth locks, and then even the right code is refused."""
    electeur = _votant(scelle)
    for _ in range(4):
        refus = scelle.ouvrir_vote("AAAA-AAAA-AAAA")
        assert refus.status_code == 400 and "Code de vote incorrect" in page_text(refus)
    verrou = scelle.ouvrir_vote("AAAA-AAAA-AAAA")
    assert verrou.status_code == 429 and "temporairement bloqué" in page_text(verrou)
    assert "temporairement bloqué" in page_text(scelle.ouvrir_vote(electeur["code_vote"]))
    scelle.aller_a(PENDANT + timedelta(minutes=16))
    assert "Mes scrutins" in page_text(scelle.ouvrir_vote(electeur["code_vote"].lower()))


def test_the_window_before_opening_and_after_closing(scelle: Portail) -> None:
    """Before the opening and after the closing the vote says so, with the date."""
    electeur = _votant(scelle)
    scelle.aller_a(datetime.fromtimestamp(OUVERTURE_2026, PARIS) - timedelta(minutes=1))
    avant = scelle.client.get("/vote")
    assert avant.status_code == 403
    assert "pas encore ouvert" in page_text(avant) and "3 décembre 2026 à 10 h 00" in page_text(
        avant
    )
    scelle.aller_a(CLOTURE + timedelta(minutes=1))
    _votant(scelle)  # logged in after the closing: no grace
    apres = scelle.client.get("/vote")
    assert apres.status_code == 403 and "est clos" in page_text(apres)
    del electeur


def test_a_voter_in_at_the_closing_has_thirty_minutes(scelle: Portail) -> None:
    """Logged in before 17:00, the voter still votes at 17:20, not at 17:31."""
    scelle.aller_a(CLOTURE - timedelta(minutes=5))
    electeur = _votant(scelle)
    scelle.ouvrir_vote(electeur["code_vote"])
    scelle.aller_a(CLOTURE + timedelta(minutes=20))
    assert "Accusé de réception" in page_text(scelle.voter(1, listes_candidates(CSA)[1]))
    confirmation = scelle.choisir(2, listes_candidates("CSA académique de Reims")[0])
    scelle.aller_a(CLOTURE + timedelta(minutes=31))
    tard = scelle._poster("/vote/scrutin/2/confirmation", {}, depuis=confirmation)
    assert tard.status_code == 403 and "est clos" in page_text(tard)


def test_code_reassort_mails_a_new_code_and_voids_the_old(
    scelle: Portail, mailbox: Mailbox
) -> None:
    """A wrong answer is refused; the right one mails a new code; the old one stops."""
    electeur = _votant(scelle)
    refus = scelle._poster("/vote/code/reassort", {"reponse": "Caniche"})
    assert "réponse à la question défi est incorrecte" in page_text(refus)
    envoye = scelle._poster("/vote/code/reassort", {"reponse": electeur["answer"]})
    assert "Un nouveau code de vote vient de vous être envoyé" in page_text(envoye)
    mail = mailbox.wait_for_mail(electeur["email"])
    nouveau = re.search(r"nouveau code de vote : ([A-Z0-9-]{14})", mail.text)
    assert nouveau and nouveau.group(1) != electeur["code_vote"]
    assert "Code de vote incorrect" in page_text(scelle.ouvrir_vote(electeur["code_vote"]))
    assert "Mes scrutins" in page_text(scelle.ouvrir_vote(nouveau.group(1)))


def test_a_voter_without_activation_is_told_what_to_do(scelle: Portail, mailbox: Mailbox) -> None:
    """No question défi: the réassort page says how to get one instead of a form."""
    electeur = scelle.creer_electeur("nouveau")
    scelle.demander_reassort(electeur["email"])
    scelle.ouvrir_lien(mailbox.wait_for_mail(electeur["email"]).liens_reassort()[0])
    scelle.set_password("Nouveau-Mot-2026!")
    espace = scelle.activer("", action="sans_activation")
    assert espace.url.path == "/espace"
    texte = page_text(scelle.client.get("/vote/code/reassort"))
    assert "sans activer votre compte" in texte and 'name="reponse"' not in texte


def test_the_receipt_is_found_after_the_count(scelle: Portail) -> None:
    """Before the count: not yet; after it: the fingerprint is found, another one not."""
    electeur = _votant(scelle)
    scelle.ouvrir_vote(electeur["code_vote"])
    accuse = page_text(scelle.voter(1, listes_candidates(CSA)[0]))
    empreinte = re.search(r"[0-9a-f]{64}", accuse)
    assert empreinte
    avant = scelle._poster("/verification", {"empreinte": empreinte.group(0)})
    assert "pas encore eu lieu" in page_text(avant) and "figure au tableau" in page_text(avant)
    assert scelle.crochets.depouiller()["concordant"] is True
    trouve = scelle._poster("/verification", {"empreinte": empreinte.group(0).upper()})
    assert "Votre bulletin a été compté" in page_text(trouve)
    absent = scelle._poster("/verification", {"empreinte": "0" * 64})
    assert "Aucun bulletin compté" in page_text(absent)
    mal = scelle._poster("/verification", {"empreinte": "pas une empreinte"})
    assert mal.status_code == 400 and "64 caractères" in page_text(mal)


def test_no_vote_on_a_portal_not_sealed(tmp_path: Path, sink: MailSink, mailbox: Mailbox) -> None:
    """Without published parameters, « JE VOTE » says the vote is not open."""
    with portail_regle(tmp_path, sink.smtp_port, parametres=None) as portail:
        portail.aller_a(PENDANT)
        _votant(portail)
        page = portail.client.get("/vote")
        assert page.status_code >= 400 and "pas été scellée" in page_text(page)


def test_a_roll_voter_votes_with_the_code_of_the_authority(
    tmp_path: Path, sink: MailSink, mailbox: Mailbox
) -> None:
    """A loaded roll's voter votes with the code of its notice: derived by the credential
    authority from the roll's secret, its public credential alone given to the portal."""
    db = Database(tmp_path / "portail.sqlite3")
    liste = ROOT / "fixtures" / "demo-electeurs.csv"
    charger_liste(db, liste, SECRET_DEMONSTRATION)
    publication, _ = sceller_essai(tmp_path, tuple(scrutins_de_la_liste(db.reader())))
    parametres = charger_parametres_publics(db, publication)
    fichier = tmp_path / "autorite" / "credentials.jsonl"
    generer(liste, SECRET_DEMONSTRATION, parametres, fichier)
    assert charger_credentials(db, parametres, fichier).inscrites == 60
    email = str(
        db.reader()
        .execute("SELECT email FROM voters WHERE password_hash IS NOT NULL LIMIT 1")
        .fetchone()["email"]
    )
    with portail_regle(tmp_path, sink.smtp_port) as portail:
        portail.aller_a(PENDANT)
        portail.login(email, deriver_identifiants(email, SECRET_DEMONSTRATION).password)
        assert "Mes scrutins" in page_text(
            portail.ouvrir_vote(deriver_code_vote(email, SECRET_DEMONSTRATION))
        )


def test_a_replayed_or_forged_proof_of_the_code_is_a_wrong_code(scelle: Portail) -> None:
    """The code itself is never posted; a proof answering another challenge (replayed), or
    no proof at all but a code in clear, is a wrong code, counted in the same lock."""
    electeur = _votant(scelle)
    page = scelle.client.get("/vote")
    vc = scelle.parcours.vote_chiffre
    vue = lire_page(Ecran(200, "/vote", page.text))
    assert vue is not None and vue.defi
    preuve = vc.prouver_code(vue, electeur["code_vote"])
    premier = scelle._poster("/vote", {"preuve": preuve}, depuis=page)
    assert "Mes scrutins" in page_text(premier)
    scelle.client.cookies.clear()  # another session: another challenge
    _votant(scelle)
    rejeu = scelle._poster("/vote", {"preuve": preuve})
    assert rejeu.status_code == 400 and "Code de vote incorrect" in page_text(rejeu)
    en_clair = scelle._poster("/vote", {"code_vote": electeur["code_vote"], "preuve": ""})
    assert en_clair.status_code == 400 and "Mes scrutins" not in page_text(en_clair)
    for _ in range(4):
        scelle._poster("/vote", {"preuve": '{"challenge": "1", "response": "2"}'})
    assert "temporairement bloqué" in page_text(scelle._poster("/vote", {"preuve": preuve}))


def test_without_the_authority_the_reassort_says_so_and_the_code_still_works(
    tmp_path: Path, sink: MailSink, mailbox: Mailbox
) -> None:
    """The authority's service unreachable: the voter reads that the réassort is
    unavailable for now, no mail leaves, the board is unchanged, the code still opens."""
    cle = tmp_path / "autorite.cle"
    creer_cle(cle)
    injoignable = f"http://127.0.0.1:{free_port()}"
    appel = {"autorite_url": injoignable, "autorite_cle": str(cle)}
    with portail_regle(tmp_path, sink.smtp_port, **appel) as p:
        p.aller_a(PENDANT)
        electeur = _votant(p)
        avant = p.client.get("/tableau.json").json()["entrees"]
        refus = p._poster("/vote/code/reassort", {"reponse": electeur["answer"]})
        assert refus.status_code == 503 and "momentanément indisponible" in page_text(refus)
        assert p.client.get("/tableau.json").json()["entrees"] == avant
        assert mailbox.count(electeur["email"]) == 0
        assert "Mes scrutins" in page_text(p.ouvrir_vote(electeur["code_vote"]))
