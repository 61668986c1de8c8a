"""Frozen settings of the reference portal, shared by the app, the CLI and tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from simulator.vote.calendrier import CLOTURE_2026, DELAI_GRACE_S, OUVERTURE_2026, FenetreVote

HashCost = Literal["production", "fast"]


@dataclass(frozen=True)
class ContactAssistance:
    """Where a voter in difficulty can get help (shown on the help page)."""

    libelle: str = "Cellule de veille du rectorat de Reims"
    telephone: str = "03 26 05 99 46"
    mail: str = "assistance-elections2022@ac-reims.fr"


@dataclass(frozen=True)
class Settings:
    """Everything the portal needs to know at start-up; never mutated afterwards.

    As everywhere in the portal, the domain's rules are named in French (the réassort
    link's lifetime, the lock) and the infrastructure in English (sessions, limits per
    address, outbox)."""

    db_path: Path = Path("var/portail.sqlite3")
    titre_election: str = "Elections professionnelles 2022"
    hash_cost: HashCost = "production"
    test_hooks: bool = False
    # A staging portal's CAPTCHA bypass: this code answers every CAPTCHA (None: off).
    captcha_recette: str | None = None
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 1025
    mail_from: str = "ne-pas-repondre@elections-pro.example"
    # Public address of the portal, used in links sent by mail.
    public_url: str = "http://127.0.0.1:8000"
    session_lifetime_seconds: int = 30 * 60
    # Réassort links.
    duree_lien_reassort_s: int = 30 * 60
    # Brute force: wrong passwords before a lock, first lock length (doubles each time).
    echecs_avant_verrou: int = 5
    duree_verrou_s: int = 15 * 60
    # Per client address (ratelimit.py): wrong CAPTCHAs and wrong passwords allowed per
    # window, each plus one per voter who got in from the address in the window; and a
    # ceiling of posted forms per minute far above a crowd's. 0 turns a limit off.
    captcha_failures_per_window: int = 20
    echecs_mdp_par_adresse: int = 20
    captcha_window_seconds: int = 15 * 60
    posts_per_minute: int = 6000
    # Outbox: how often the sender looks for due mails, and the longest retry backoff.
    outbox_poll_seconds: float = 0.5
    outbox_max_backoff_seconds: float = 60.0
    outbox_enabled: bool = True
    assistance: ContactAssistance = field(default_factory=ContactAssistance)
    # The voting window, in seconds since the epoch (defaults: the 2026 vote, Paris time),
    # and the grace a voter already logged in at the closing has (R.211-563).
    ouverture_vote: float = OUVERTURE_2026
    cloture_vote: float = CLOTURE_2026
    delai_grace_vote_s: int = DELAI_GRACE_S
    # A test portal sealed at start keeps its fragments here, for the count hook only.
    fragments_test: str | None = None

    @property
    def en_https(self) -> bool:
        """Whether the portal is served over HTTPS (its public address says so)."""
        return self.public_url.lower().startswith("https://")

    @property
    def fenetre_vote(self) -> FenetreVote:
        """When ballots are accepted."""
        return FenetreVote(self.ouverture_vote, self.cloture_vote, self.delai_grace_vote_s)
