"""What each need of a scenario accepts from the list, and what it falls back to.

A need names the state a scenario starts from (`nouveau`, `actif`, `reassort`,
`votant`). Accounts of that state are handed out first; when none is left, the needs
that a voter can reach through the portal's own screens fall back to an account the
harness brings there itself (réassort, mailed link, new password, activation): a list
of only never-used accounts, what a vendor gives first, then runs every scenario.
"""

from __future__ import annotations

from harnais.comptes.etats import EtatCompte
from harnais.regles import ECHECS_TOLERES

BESOINS = ("nouveau", "actif", "reassort", "votant")

# The states each need accepts, best first. `activable` and `activable_votant` are the
# fallbacks: accounts a réassort brings to `actif`, those left half-way first, so that
# never-used ones stay for the scenarios that need exactly that.
ACCEPTES: dict[str, tuple[str, ...]] = {
    "nouveau": ("nouveau",),
    # A réassort serves a forgotten password too: active accounts come last.
    "reassort": ("sans_activation", "a_reinitialiser", "nouveau", "actif"),
    "actif": ("actif",),
    "votant": ("actif",),
    "activable": ("sans_activation", "a_reinitialiser", "nouveau"),
    "activable_votant": ("sans_activation", "a_reinitialiser", "nouveau"),
}
# The fallback of each need, when it has one: `nouveau` has none (an account cannot be
# made never-used again), `reassort` already takes every state a réassort can start from.
REPLIS = {"actif": "activable", "votant": "activable_votant"}
LIBELLES_BESOINS = {
    "nouveau": "jamais utilisé",
    "actif": "activé",
    "reassort": "réassort",
    "votant": "activé, n'ayant pas voté",
    "activable": "à activer par le réassort",
    "activable_votant": "à activer par le réassort, n'ayant pas voté",
}


def convient(besoin: str, compte: EtatCompte, disponible: str, maintenant: float) -> bool:
    """Whether an account free in state `disponible` serves this need now."""
    if disponible not in ACCEPTES[besoin]:
        return False
    if besoin in ("actif", "votant") and compte.echecs > ECHECS_TOLERES:
        return False
    return not (besoin in ("votant", "activable_votant") and not compte.votant(maintenant))
