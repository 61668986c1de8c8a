"""Fixtures of the HTTP-level tests: a fresh portal app and database per test, and actions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from simulator import Settings, create_app
from simulator.storage import Database

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(html: str) -> str:
    """The CSRF token of a page's form."""
    match = CSRF.search(html)
    assert match, "la page n'a pas de formulaire avec jeton CSRF"
    return match.group(1)


class Portail:
    """Actions on the portal as a browser would do them, over the test client."""

    def __init__(self, client: TestClient | httpx.Client) -> None:
        self.client = client

    def create_voter(self, state: str = "actif", **fields: Any) -> dict[str, Any]:
        """Create a voter through the test hook."""
        response = self.client.post("/__test__/voters", json={"state": state, **fields})
        assert response.status_code == 201, response.text
        data: dict[str, Any] = response.json()
        return data

    def captcha(self) -> str:
        """The CAPTCHA digits last shown to this client."""
        answer: str = self.client.get("/__test__/captcha").json()["answer"]
        return answer

    def identify(self, email: str, captcha: str | None = None) -> Any:
        """Open the identification page and submit it."""
        page = self.client.get("/identification")
        return self.client.post(
            "/identification",
            data={
                "csrf": csrf_of(page.text),
                "identifiant": email,
                "captcha": self.captcha() if captcha is None else captcha,
            },
        )

    def login(self, email: str, password: str) -> Any:
        """Identify, then submit the Élections password."""
        page = self.identify(email)
        return self.client.post(
            "/mot-de-passe", data={"csrf": csrf_of(page.text), "mot_de_passe": password}
        )


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings of a test portal: its own SQLite file, hooks on, cheap hashing."""
    return Settings(db_path=tmp_path / "portail.sqlite3", test_hooks=True, hash_cost="fast")


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    """A test client of a freshly created portal app."""
    with TestClient(create_app(settings), follow_redirects=True) as test_client:
        yield test_client


@pytest.fixture
def portail(client: TestClient) -> Portail:
    """Browser-like actions on the portal (create voter, identify, log in)."""
    return Portail(client)


@pytest.fixture
def db(settings: Settings, client: TestClient) -> Database:
    """The test portal's database, to check what was stored."""
    return Database(settings.db_path)
