"""Ballots built ahead of a load run (harnais/reserve_bulletins.py): the journey casts the
reserved ballot, for the list it was built for, once; the portal checks it in full and
refuses one that is not the voter's."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from chiffrement.hachage import empreinte
from chiffrement.parametres import lire_parametres
from harnais.courrier import Mailbox
from harnais.reserve_bulletins import ReserveBulletins, VotantPrevu, ecrire_reserve
from simulator.mailsink import MailSink
from simulator.settings import OUVERTURE_2026, PARIS
from tests.conftest import Portail, page_text, portail_regle

PENDANT = datetime.fromtimestamp(OUVERTURE_2026, PARIS) + timedelta(hours=2)


@pytest.fixture
def scelle(tmp_path: Path, sink: MailSink, mailbox: Mailbox) -> Iterator[Portail]:
    """A sealed portal whose clock stands inside the vote."""
    with portail_regle(tmp_path, sink.smtp_port) as portail:
        portail.aller_a(PENDANT)
        yield portail


def _reserve(portail: Portail, tmp_path: Path, email: str, code: str) -> ReserveBulletins:
    """The reserve of one voter, for every scrutin of the election, built apart."""
    parametres = lire_parametres(portail.client.get("/election/parametres.json").json())
    noms = tuple(s.nom for s in parametres.scrutins.values())
    chemin = tmp_path / "reserve.jsonl"
    ecrire_reserve(parametres, [VotantPrevu(email, code, noms)], chemin, processus=1)
    assert chemin.stat().st_mode & 0o777 == 0o600  # the voters' keys: owner only
    return ReserveBulletins.lire(chemin)


def test_the_journey_casts_the_ballot_built_ahead_for_its_list(
    scelle: Portail, tmp_path: Path
) -> None:
    """The voter chooses the list its reserved ballot is for (whatever the journey's own
    pick), the portal accepts that very ballot (the receipt's fingerprint is its hash),
    and it is given out once."""
    electeur = scelle.creer_electeur("actif")
    reserve = _reserve(scelle, tmp_path, electeur["email"], electeur["code_vote"])
    scelle.parcours.reserve = reserve
    scelle.login(electeur["email"], electeur["password"])
    scelle.ouvrir_vote(electeur["code_vote"])
    chemin = scelle.parcours.scrutins_a_voter()[0]
    scrutin = scelle.client.get(chemin).text
    ident = re.search(r'name="vote-scrutin" content="([^"]+)"', scrutin)
    assert ident
    indice = reserve.indice_prevu(electeur["email"], ident.group(1))
    assert indice is not None
    ligne = json.loads((tmp_path / "reserve.jsonl").read_text(encoding="utf-8"))
    bulletin = ligne["bulletins"][ident.group(1)][1]
    scelle.parcours.choisir_liste(chemin, random.choice)
    accuse = page_text(scelle.parcours.je_vote().brut)
    assert empreinte(json.loads(bulletin)) in accuse
    assert (reserve.donnes, reserve.construits) == (1, 0)
    assert reserve.prendre(electeur["email"], ident.group(1), indice) is None


def test_a_reserved_ballot_of_another_voter_is_refused(scelle: Portail, tmp_path: Path) -> None:
    """A reserve built for someone else's key: the proof of the code de vote fails, as a
    browser's would with a wrong code; nothing is cast."""
    electeur = scelle.creer_electeur("actif")
    autre = scelle.creer_electeur("actif")
    reserve = _reserve(scelle, tmp_path, electeur["email"], autre["code_vote"])
    scelle.parcours.reserve = reserve
    scelle.login(electeur["email"], electeur["password"])
    refus = page_text(scelle.ouvrir_vote(electeur["code_vote"]))
    assert "<title>Erreur – Code de vote" in refus and "Mes scrutins" not in refus
    assert reserve.donnes == 0


def test_a_ballot_for_another_list_is_built_live_and_counted() -> None:
    """Asked for a list other than the reserved one, the reserve gives nothing out (the
    journey builds it live, and counts it)."""
    ligne = json.dumps({"electeur": "a@b.fr", "x": "2a", "bulletins": {"s1": [2, "{}"]}})
    reserve = ReserveBulletins([ligne])
    assert reserve.secret("a@b.fr") == 42 and reserve.indice_prevu("a@b.fr", "s1") == 2
    assert reserve.prendre("a@b.fr", "s1", 1) is None
    assert reserve.prendre("a@b.fr", "s1", 2) == "{}"
    assert reserve.prendre("a@b.fr", "s1", 2) is None
    assert reserve.donnes == 1
