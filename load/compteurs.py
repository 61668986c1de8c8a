"""What the voters of a run lived, counted in each Locust process and summed where the
verdict is given (the master, or the single process): arrivals offered, started and not
started (and why), journeys completed, abandoned or failed, retries, requests, réassort
links refused, time to get in; and the generator's own CPU, sampled every second.

Workers send their counts with Locust's own reports (`report_to_master`, every few
seconds and once more at the end); the master keeps each worker's last one.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from locust import events
from locust.runners import MasterRunner

CLE = "bilan_electeurs"  # the key of our counts in a worker's report
SEUIL_CPU = 90.0  # Locust's own CPU warning threshold (locust.runners.CPU_WARNING_THRESHOLD)
# Per persona: everything that is summed across processes.
CHAMPS = (
    "offertes",  # arrivals the schedule made due
    "demarrees",  # arrivals that started their journey
    "perdues_pool",  # not started: no free user when due (pool exhausted)
    "perdues_generateur",  # not started: a free user woke up too late (generator CPU)
    "en_cours",  # journeys in flight now (a gauge)
    "en_attente",  # arrivals due that no user has taken yet (a gauge)
    "terminees",  # journeys that reached their goal
    "abandons",  # impatient voters who gave up
    "echecs",  # journeys stopped by an unexpected screen
    "relances",  # retries: screens reloaded or resubmitted, mails asked again
    "requetes",  # HTTP requests the persona's users sent
    "liens_refuses",  # réassort links refused when followed (expired or replaced)
    "entrees_1",  # journeys completed within 1, 5, 15 minutes of the arrival
    "entrees_5",  # (minutes of the shape: divided by --echelle-temps)
    "entrees_15",
)
MAXIMA = ("retard_max_ms", "pool_maximal")


class Registre:
    """The counts of one process (or their sum), by persona, plus the generator's own."""

    def __init__(self) -> None:
        self.par_persona: dict[str, Counter[str]] = defaultdict(Counter)
        self.generateur: Counter[str] = Counter()

    def ajouter(self, persona: str, champ: str, n: int = 1) -> None:
        """Add n to one persona's count."""
        self.par_persona[persona][champ] += n

    def instantane(self) -> dict[str, Any]:
        """The counts as plain data (what a worker sends to the master)."""
        return {
            "par_persona": {p: dict(c) for p, c in self.par_persona.items()},
            "generateur": dict(self.generateur),
        }

    def cumuler(self, donnees: dict[str, Any]) -> None:
        """Add another process's snapshot to this one (maxima kept as maxima)."""
        for persona, champs in donnees.get("par_persona", {}).items():
            self.par_persona[persona].update(champs)
        for champ, valeur in donnees.get("generateur", {}).items():
            if champ in MAXIMA:
                self.generateur[champ] = max(self.generateur[champ], valeur)
            else:
                self.generateur[champ] += valeur

    def total(self, champ: str) -> int:
        """One count summed over the personas."""
        return sum(c[champ] for c in self.par_persona.values())


local = Registre()
# Called before each snapshot of this process (load/arrivees.py: arrivals fallen due).
avant_instantane: list[Callable[[], None]] = []
_des_workers: dict[str, dict[str, Any]] = {}


def du_tir(environment: Any) -> Registre:
    """The run's counts: this process's, plus every worker's last report on a master."""
    for mettre_a_jour in avant_instantane:
        mettre_a_jour()
    somme = Registre()
    somme.cumuler(local.instantane())
    if isinstance(environment.runner, MasterRunner):
        for donnees in list(_des_workers.values()):
            somme.cumuler(donnees)
    return somme


@events.report_to_master.add_listener
def envoyer(client_id: str, data: dict[str, Any], **_kwargs: Any) -> None:
    """A worker's counts go with each of its reports."""
    for mettre_a_jour in avant_instantane:
        mettre_a_jour()
    data[CLE] = local.instantane()


@events.worker_report.add_listener
def recevoir(client_id: str, data: dict[str, Any], **_kwargs: Any) -> None:
    """The master keeps each worker's last counts (they are cumulative)."""
    if CLE in data:
        _des_workers[client_id] = data[CLE]


def _cpu() -> float:
    """Processor seconds this process has used (as Locust's psutil sample reads them)."""
    temps = os.times()
    return temps.user + temps.system


def _mesurer_le_cpu() -> None:
    """Sample this process's CPU every second: Locust's own sample is every ten seconds,
    too coarse for a one-minute run."""
    avant, horloge = _cpu(), time.monotonic()
    while True:
        time.sleep(1.0)  # cooperative: Locust's processes are monkey-patched by gevent
        maintenant, instant = _cpu(), time.monotonic()
        usage = 100 * (maintenant - avant) / max(1e-6, instant - horloge)
        avant, horloge = maintenant, instant
        local.generateur["cpu_mesures"] += 1
        if usage >= SEUIL_CPU:
            local.generateur["cpu_satures"] += 1


@events.test_start.add_listener
def demarrer(environment: Any, **_kwargs: Any) -> None:
    """Start the CPU sampler where voters are simulated (the master simulates none)."""
    if isinstance(environment.runner, MasterRunner):
        return
    # A thread is a greenlet here: Locust's processes are monkey-patched by gevent.
    threading.Thread(target=_mesurer_le_cpu, daemon=True).start()


@events.request.add_listener
def compter_requete(name: str = "", context: dict[str, Any] | None = None, **_kwargs: Any) -> None:
    """Count each HTTP request under the persona that sent it (its user's `context()`);
    the journey and mail entries our own code fires carry no persona, and the test
    hooks (« crochet: … », reading the CAPTCHA a voter would read on screen) are the
    generator's, not the voter's."""
    persona = (context or {}).get("persona")
    if persona and not name.startswith("crochet"):
        local.ajouter(str(persona), "requetes")
