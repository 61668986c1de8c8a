"""Load shapes of the vote, as LoadTestShape classes driven by arrival rates.

Each shape says how many voters arrive per second over time, at full national scale;
`--facteur` scales the rates down for a small machine and `--echelle-temps` plays the
timeline faster. A rate becomes a number of users through `--parcours-s`, the mean
length of one voter's visit (Little's law: users = arrivals per second × visit length).
"""

from __future__ import annotations

import logging
import math
import time
from typing import Any

from locust import LoadTestShape

from load import arrivees
from load.options import PARCOURS_S

DEMI_HEURE = 1800.0
SPAWN_MAX_S = 100.0
JOURNAL_S = 30.0  # wall-clock seconds between two lines saying where the shape is

journal = logging.getLogger(__name__)


class SansBruitDeForme(logging.Filter):
    """Drops Locust's own lines for each change of the user count: a shape that follows
    its rate changes it nearly every second, which buried the run's output; the shape
    says where it is every JOURNAL_S seconds instead."""

    BRUIT = ("Shape test updating", "Ramping to", "All users spawned")

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep every line but those."""
        return not record.getMessage().startswith(self.BRUIT)


logging.getLogger("locust.runners").addFilter(SansBruitDeForme())


class FormeDeCharge(LoadTestShape):
    """Base of the shapes: rate(t) in arrivals per second at full scale, t in shape time."""

    abstract = True
    duree_s = 3600.0
    _prochain_journal = 0.0
    # A worker's shape is not run (the master's is): load/arrivees.py gives it the options.
    options_hors_maitre: Any = None

    def options(self) -> Any:
        """The run's parsed options."""
        return self.runner.environment.parsed_options if self.runner else self.options_hors_maitre

    def taux(self, t: float) -> float:
        """Arrivals per second at shape time t, full scale."""
        raise NotImplementedError

    def tick(self) -> tuple[int, float] | None:
        """Users and spawn rate now; None once the shape's duration is played."""
        options = self.options()
        echelle = options.echelle_temps if options else 1.0
        facteur = options.facteur if options else 1.0
        parcours = options.parcours_s if options else PARCOURS_S
        t = self.get_run_time() * echelle
        if t >= self.duree_s:
            return None
        taux = self.taux(t)
        environment = self.runner.environment if self.runner else None
        ouvertes = environment is not None and arrivees.ouvertes(environment)
        if ouvertes:
            # Open arrivals: users are places for the journeys in flight, not the rate.
            users = arrivees.taille_du_pool(environment, taux * facteur)
        else:
            users = max(1, math.ceil(taux * facteur * parcours))
        if time.monotonic() >= self._prochain_journal:
            self._prochain_journal = time.monotonic() + JOURNAL_S
            journal.info(
                "Forme %s : %.0f min sur %.0f (temps de la forme), %.1f arrivées/s visées "
                "(%.1f à pleine échelle), utilisateurs Locust : %d%s",
                type(self).__name__,
                t / 60,
                self.duree_s / 60,
                taux * facteur,
                taux,
                users,
                " (places des parcours en vol, arrivées ouvertes)" if ouvertes else "",
            )
        if ouvertes:
            # Places are needed at once when the journeys slow down.
            return users, min(SPAWN_MAX_S, float(users))
        # Fast enough to follow the ramp within a few seconds; spawning does not make a
        # herd (each user's first voter waits a random part of its interval), and past
        # 100 per second Locust warns at every tick.
        return users, min(SPAWN_MAX_S, max(1.0, users / 5))


class Ouverture(FormeDeCharge):
    """The opening spike: ramp to the peak in five minutes, half-hour plateau, then decay.

    Peak = electorate × turnout × share arriving in the first half hour / 1800 s; with
    the national defaults 1.1 M × 40 % × 25 % / 1800 s ≈ 61 arrivals per second.
    """

    duree_s = 3600.0
    rampe_s = 300.0
    plateau_s = 1800.0
    fond = 0.2  # after the opening rush, a fifth of the peak

    def pic(self) -> float:
        """Peak arrival rate at full scale."""
        options = self.options()
        electorat = options.electorat if options else 1_100_000
        participation = options.participation if options else 0.40
        part = options.part_ouverture if options else 0.25
        return float(electorat * participation * part / DEMI_HEURE)

    def taux(self, t: float) -> float:
        """Ramp, plateau, exponential decay towards the background level."""
        pic = self.pic()
        if t < self.rampe_s:
            return pic * t / self.rampe_s
        if t < self.rampe_s + self.plateau_s:
            return pic
        apres = t - self.rampe_s - self.plateau_s
        return pic * (self.fond + (1 - self.fond) * math.exp(-apres / 300.0))


class Palier(FormeDeCharge):
    """Stepwise ramp to find the breaking point: +5 arrivals/s every two minutes up to 100."""

    pas = 5.0
    duree_pas_s = 120.0
    maximum = 100.0
    duree_s = maximum / pas * duree_pas_s

    def taux(self, t: float) -> float:
        """The current step's rate."""
        return min(self.maximum, self.pas * (1 + int(t // self.duree_pas_s)))


class Journee(FormeDeCharge):
    """A steady day of the vote: the turnout spread over eight days of ten busy hours."""

    duree_s = 3600.0

    def taux(self, t: float) -> float:
        """Constant rate."""
        options = self.options()
        electorat = options.electorat if options else 1_100_000
        participation = options.participation if options else 0.40
        return float(electorat * participation / (8 * 10 * 3600))
