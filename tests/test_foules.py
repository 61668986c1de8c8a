"""Crowds behind one address get in; one identifiant guessed from many addresses, one
address trying many identifiants, and a script flooding wrong CAPTCHAs are stopped.

Every client here has its own address (Starlette's TestClient `client=`), as voters
behind an académie's proxy, or an attacker's machines, would have theirs; the limits are
the portal's defaults.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator import Settings, create_app
from tests.conftest import Portail, page_text

PROXY = "203.0.113.10"  # an académie's proxy: a whole crowd behind it
FAUX = "Pas-le-bon-Mot-2026!"


@pytest.fixture
def app(tmp_path: Path) -> Any:
    """A reference portal with the default limits per address (no mail sender needed)."""
    return create_app(
        Settings(
            db_path=tmp_path / "p.sqlite3", test_hooks=True, hash_cost="fast", outbox_enabled=False
        )
    )


@pytest.fixture
def depuis(app: Any) -> Iterator[Any]:
    """`depuis(adresse)`: a browser-like client of the portal coming from that address."""
    clients: list[TestClient] = []

    def ouvrir(adresse: str) -> Portail:
        client = TestClient(app, follow_redirects=True, client=(adresse, 40000 + len(clients)))
        clients.append(client)
        return Portail(client)

    yield ouvrir
    for client in clients:
        client.close()


def _electeurs(portail: Portail, combien: int) -> list[dict[str, Any]]:
    return [portail.creer_electeur("actif") for _ in range(combien)]


def test_a_crowd_of_300_behind_one_address_gets_in(depuis: Any) -> None:
    """300 voters from one address, one after the other as fast as the portal answers
    (faster than the opening's rate), one in ten mistyping the CAPTCHA first and one in
    twenty the password: every one reaches the voter space."""
    electeurs = _electeurs(depuis("192.0.2.1"), 300)
    entres = 0
    for i, electeur in enumerate(electeurs):
        voter = depuis(PROXY)
        if i % 10 == 3:
            assert voter.identify(electeur["email"], captcha="000000").status_code == 400
        if i % 20 == 7:
            assert voter.login(electeur["email"], FAUX).status_code == 400
            voter.client.cookies.clear()
        reponse = voter.login(electeur["email"], electeur["password"])
        assert reponse.url.path == "/espace", (i, reponse.status_code, page_text(reponse)[:300])
        entres += 1
    assert entres == 300


def test_one_identifiant_guessed_from_many_addresses_is_locked(depuis: Any) -> None:
    """Five wrong passwords from five addresses lock the identifiant; the right one from a
    sixth address is then refused too."""
    (electeur,) = _electeurs(depuis("192.0.2.1"), 1)
    for n in range(5):
        depuis(f"198.51.100.{n + 1}").login(electeur["email"], FAUX)
    encore = depuis("198.51.100.99").login(electeur["email"], electeur["password"])
    assert "verrouillé" in page_text(encore)


def test_one_address_trying_many_identifiants_is_stopped(depuis: Any) -> None:
    """One address, one wrong password on each of many identifiants (its CAPTCHAs read):
    past twenty, the address is refused (429), even with a right password."""
    electeurs = _electeurs(depuis("192.0.2.1"), 22)
    attaquant = "198.51.100.66"
    for electeur in electeurs[:20]:
        assert depuis(attaquant).login(electeur["email"], FAUX).status_code == 400
    refus = depuis(attaquant).login(electeurs[20]["email"], FAUX)
    assert refus.status_code == 429 and "Trop de tentatives" in page_text(refus)
    juste = depuis(attaquant).login(electeurs[21]["email"], electeurs[21]["password"])
    assert juste.status_code == 429
    # Another address is not concerned.
    ailleurs = depuis("198.51.100.67").login(electeurs[21]["email"], electeurs[21]["password"])
    assert ailleurs.url.path == "/espace"


def test_logging_into_ones_own_account_earns_no_room(depuis: Any) -> None:
    """An attacker who logs into its own account again and again widens its allowance by
    one, once: the voters who got in count, not the logins."""
    (sien, *cibles) = _electeurs(depuis("192.0.2.1"), 23)
    attaquant = "198.51.100.77"
    for _ in range(10):
        assert depuis(attaquant).login(sien["email"], sien["password"]).url.path == "/espace"
    statuts = [depuis(attaquant).login(c["email"], FAUX).status_code for c in cibles]
    assert statuts[:21] == [400] * 21 and statuts[21] == 429, statuts


def test_a_script_flooding_wrong_captchas_is_stopped(depuis: Any) -> None:
    """Twenty wrong CAPTCHAs from an address where nobody got in: the next try, right or
    wrong, is refused (429)."""
    script = depuis("198.51.100.88")
    for _ in range(20):
        assert script.identify("x@ac-reims.fr", captcha="000000").status_code == 400
    assert script.identify("x@ac-reims.fr").status_code == 429
