"""Client of the portal's test hooks (`--test-hooks`): voters and clock."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx


@dataclass(frozen=True)
class Electeur:
    """A voter created for one scenario, with the secrets the hook returned."""

    email: str
    state: str
    password: str | None
    question: str | None
    answer: str | None


class TestHooks:
    """Creates voters and moves the portal's clock through the hooks."""

    __test__ = False  # not a pytest test class, despite the name

    def __init__(self, portal_url: str) -> None:
        self._http = httpx.Client(base_url=portal_url.rstrip("/"), timeout=10.0)

    def create_voter(self, state: str, **fields: Any) -> Electeur:
        """Create a voter (`nouveau` or `actif`) and return its fields."""
        response = self._http.post("/__test__/voters", json={"state": state, **fields})
        response.raise_for_status()
        return Electeur(**response.json())

    def advance_clock(self, seconds: float) -> float:
        """Move the portal's clock forward; return the total offset."""
        response = self._http.post("/__test__/clock", json={"advance": seconds})
        offset: float = response.raise_for_status().json()["offset"]
        return offset

    def close(self) -> None:
        """Release the HTTP connection pool."""
        self._http.close()
