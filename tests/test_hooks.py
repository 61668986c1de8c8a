"""Test hooks exist only with `--test-hooks`, and behave as the design notes say."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from harnais.crochets import CrochetRefuse, Crochets, transport_httpx
from simulator import Settings, create_app
from simulator.clock import Clock
from simulator.storage import Database
from simulator.storage.electeurs import electeur_par_email
from tests.conftest import Portail


def test_hooks_are_absent_by_default(tmp_path: Path) -> None:
    """Without test_hooks, every hook answers 404."""
    app = create_app(Settings(db_path=tmp_path / "p.sqlite3", hash_cost="fast"))
    with TestClient(app) as client:
        crochets = Crochets(transport_httpx(client))
        for appel in (
            lambda: crochets.creer_electeur("actif"),
            crochets.captcha,
            crochets.maintenant,
        ):
            with pytest.raises(CrochetRefuse) as refus:
                appel()
            assert refus.value.statut == 404


def test_create_active_voter_stores_hashes_not_secrets(portail: Portail, db: Database) -> None:
    """An `actif` voter gets Argon2id hashes; the clear password is only in the hook's answer."""
    electeur = portail.creer_electeur(
        "actif", email="Jeanne.Dupont@AC-Reims.fr", password="Xy-123456789a"
    )
    assert electeur["email"] == "jeanne.dupont@ac-reims.fr"
    stored = electeur_par_email(db.reader(), "jeanne.dupont@ac-reims.fr")
    assert stored is not None and stored.is_active
    assert stored.password_hash is not None and stored.password_hash.startswith("$argon2id$")
    assert "Xy-123456789a" not in stored.password_hash


def test_create_new_voter_has_no_password(portail: Portail, db: Database) -> None:
    """A `nouveau` voter has neither password nor challenge."""
    electeur = portail.creer_electeur("nouveau")
    assert electeur["password"] is None
    stored = electeur_par_email(db.reader(), electeur["email"])
    assert stored is not None and not stored.is_active


def test_create_voter_refuses_bad_state_and_duplicates(client: TestClient) -> None:
    """Bad state: 400; an address already on the roll: 409."""
    assert client.post("/__test__/voters", json={"state": "zombie"}).status_code == 400
    assert client.post("/__test__/voters", content=b"[1").status_code == 400
    first = client.post("/__test__/voters", json={"state": "actif", "email": "a.b@ac-reims.fr"})
    assert first.status_code == 201
    again = client.post("/__test__/voters", json={"state": "actif", "email": "a.b@ac-reims.fr"})
    assert again.status_code == 409


def test_captcha_hook_returns_the_code_of_the_callers_session(portail: Portail) -> None:
    """The hook answers the caller's own CAPTCHA; before any is shown it says 404."""
    assert portail.client.get("/__test__/captcha").status_code == 404
    portail.client.get("/identification")
    answer = portail.captcha()
    assert answer.isdigit() and len(answer) == 5


def test_clock_hook_moves_time_forward(portail: Portail) -> None:
    """Moves add up to the offset the hook answers; the portal's time follows; negative
    moves are refused (400) and change nothing."""
    crochets = portail.crochets
    avant = crochets.maintenant()
    assert crochets.avancer_horloge(90) == 90
    assert crochets.avancer_horloge(30) == 120
    with pytest.raises(CrochetRefuse) as refus:
        crochets.avancer_horloge(-5)
    assert refus.value.statut == 400
    ecart = crochets.maintenant() - avant
    assert timedelta(seconds=120) <= ecart < timedelta(seconds=130)


def test_session_expires_on_the_portal_clock(portail: Portail) -> None:
    """Moving the clock past the session lifetime logs the voter out."""
    electeur = portail.creer_electeur()
    assert portail.login(electeur["email"], electeur["password"]).url.path == "/espace"
    portail.crochets.avancer_horloge(31 * 60)
    assert portail.client.get("/espace").url.path == "/identification"


def test_clock_moved_in_another_process_is_seen_at_once(tmp_path: Path) -> None:
    """Worker processes share the offset: a move made in a child process shows here
    without a restart, and moves from several processes add up."""
    clock = Clock(Database(tmp_path / "portail.sqlite3"))
    clock.advance(30)
    mover = (
        "import sys; from pathlib import Path; from simulator.clock import Clock; "
        "from simulator.storage import Database; "
        "Clock(Database(Path(sys.argv[1]))).advance(60)"
    )
    subprocess.run([sys.executable, "-c", mover, str(tmp_path / "portail.sqlite3")], check=True)
    assert clock.offset() == 90
    assert abs(clock.now() - (time.time() + 90)) < 1


def test_voter_hook_takes_etat_and_still_its_old_name_state(client: TestClient) -> None:
    """`etat` is the field's name; `state` is still accepted; both at odds: 400."""
    nouveau = client.post("/__test__/voters", json={"etat": "nouveau"})
    assert nouveau.status_code == 201 and nouveau.json()["password"] is None
    actif = client.post("/__test__/voters", json={"state": "actif"})
    assert actif.status_code == 201 and actif.json()["password"]
    conflit = client.post("/__test__/voters", json={"etat": "actif", "state": "nouveau"})
    assert conflit.status_code == 400 and "ancien nom" in conflit.json()["erreur"]
