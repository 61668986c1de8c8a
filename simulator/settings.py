"""Frozen settings of the reference portal, shared by the app, the CLI and tests."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

HashCost = Literal["production", "fast"]

# The election the defaults describe: the 2026 vote (arrêté of 2 July 2025), from
# 3 December, 10:00, to 10 December, 17:00, Paris time, with the 30-minute grace of a
# voter already logged in at the closing (R.211-563).
PARIS = ZoneInfo("Europe/Paris")
OUVERTURE_2026 = datetime(2026, 12, 3, 10, 0, tzinfo=PARIS).timestamp()
CLOTURE_2026 = datetime(2026, 12, 10, 17, 0, tzinfo=PARIS).timestamp()
DELAI_GRACE_S = 30 * 60


@dataclass(frozen=True)
class ContactAssistance:
    """Where a voter in difficulty can get help (shown on the help page)."""

    libelle: str = "Cellule de veille du rectorat de Reims"
    telephone: str = "03 26 05 99 46"
    mail: str = "assistance-elections2022@ac-reims.fr"


@dataclass(frozen=True)
class ReglesElection:
    """The election and its rules, named in French as everything about the election is
    (title, help desk, réassort link, lock, voting window, staging, published parameters,
    key of the proofs of vote, test sealing, credential authority); `Settings.election`."""

    titre_election: str = "Elections professionnelles 2026"
    assistance: ContactAssistance = field(default_factory=ContactAssistance)
    # Réassort links.
    duree_lien_reassort_s: int = 30 * 60
    # Brute force: wrong passwords before a lock, first lock length (doubles each time).
    echecs_avant_verrou: int = 5
    duree_verrou_s: int = 15 * 60
    # The voting window, in seconds since the epoch (defaults: the 2026 vote, Paris time),
    # and the grace a voter already logged in at the closing has (R.211-563).
    ouverture_vote: float = OUVERTURE_2026
    cloture_vote: float = CLOTURE_2026
    delai_grace_vote_s: int = DELAI_GRACE_S
    # A staging portal's CAPTCHA bypass: this code answers every CAPTCHA (None: off).
    captcha_recette: str | None = None
    # The public parameters the bureau published (`sceller --publication DOSSIER`): the
    # portal reads them and takes ballots only with them (None: no ballot).
    parametres: str | None = None
    # The portal's key that signs the proofs of vote (mode 600, never in the database);
    # None: beside the database, « <base>-accuses.cle ».
    cle_accuses: str | None = None
    # A test portal: the trustees' key files of its test sealing, for the count hook only.
    fragments_test: str | None = None
    # The credential authority's service (`python -m simulator autorite servir`), asked
    # for a new public credential at a réassort of the code de vote, and the key shared
    # with it (a file, mode 600). None: no réassort of the code de vote.
    autorite_url: str | None = None
    autorite_cle: str | None = None
    # The authority's public credentials file (`--credentials`) and its fingerprint as
    # the start checked it: every process indexes it and vouches for a voter's credential
    # from it and the board's signed replacements, not from the database (None: a test
    # portal, which trusts its database's credentials).
    credentials: str | None = None
    empreinte_credentials: str | None = None


@dataclass(frozen=True)
class Settings:
    """Everything the portal needs to know at start-up; never mutated afterwards.

    Two objects, each in one language, as everywhere in the portal: these settings hold
    the infrastructure in English (database, hashing, mail transport, sessions, limits per
    address, outbox), and `election` the election and its rules in French
    (`ReglesElection`: title, help desk, réassort link, lock, voting window, staging).
    `Settings.depuis(**options)` builds both from one flat set of keywords."""

    db_path: Path = Path("var/portail.sqlite3")
    hash_cost: HashCost = "production"
    test_hooks: bool = False
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 1025
    mail_from: str = "ne-pas-repondre@elections-pro.example"
    # Public address of the portal, used in links sent by mail.
    public_url: str = "http://127.0.0.1:8000"
    session_lifetime_seconds: int = 30 * 60
    # Per client address (acces/ratelimit.py): wrong CAPTCHAs and wrong passwords allowed
    # per window, each plus one per voter who got in from the address in the window; and
    # a ceiling of posted forms per minute far above a crowd's. 0 turns a limit off.
    captcha_failures_per_window: int = 20
    password_failures_per_window: int = 20
    failures_window_seconds: int = 15 * 60
    posts_per_minute: int = 6000
    # Outbox: how often the sender looks for due mails, and the longest retry backoff.
    outbox_poll_seconds: float = 0.5
    outbox_max_backoff_seconds: float = 60.0
    outbox_enabled: bool = True

    # The election and its rules, in French.
    election: ReglesElection = field(default_factory=ReglesElection)

    @classmethod
    def depuis(cls, **options: Any) -> Settings:
        """Settings from one flat set of keywords, each sent to the object it belongs to
        (an infrastructure field, `election`, or a field of `ReglesElection`); a keyword
        that is none of these raises TypeError naming it."""
        infra = {f.name for f in fields(cls)}
        regles = {f.name for f in fields(ReglesElection)}
        inconnus = sorted(set(options) - infra - regles)
        if inconnus:
            raise TypeError(f"Settings.depuis : réglage inconnu {', '.join(inconnus)}")
        election = options.get("election", ReglesElection())
        propres = {k: v for k, v in options.items() if k in regles}
        if propres:
            election = replace(election, **propres)
        reste = {k: v for k, v in options.items() if k in infra and k != "election"}
        return cls(**reste, election=election)

    @property
    def en_https(self) -> bool:
        """Whether the portal is served over HTTPS (its public address says so)."""
        return self.public_url.lower().startswith("https://")
