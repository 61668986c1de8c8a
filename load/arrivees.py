"""Open arrivals, as k6's arrival-rate executors: voters arrive when the shape says,
whatever the portal does.

Each persona has its own arrival clock in each Locust process, a Poisson process (or a
regular one) at the shape's rate × `--facteur` × the persona's share of the weights ÷
the processes. A Locust user is a place in a pool: free, it takes the next arrival of
its persona's clock, sleeps until it falls due, and plays that voter's journey. The
pool grows with the journeys in flight (load/formes_de_charge.py asks `taille_du_pool`), up to
`--pool-max`. An arrival is never silently dropped: one that no free user could take
within `--retard-max-ms` is counted not started, « pool » when every place was busy
when it fell due, « générateur » when a free user woke up too late (its process short
of CPU). Since the voter's clock starts at the arrival's due time, a late start also
counts in its journey time.
"""

from __future__ import annotations

import math
import random
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from locust import events
from locust.exception import StopUser
from locust.runners import MasterRunner

from fixtures import arguments
from load import compteurs

PAS_S = 0.1  # the rate is read every tenth of a second of real time
MARGE_S = 2.0  # the pool holds the journeys in flight plus this many seconds of arrivals
FOREVER_S = 3600.0


@events.init_command_line_parser.add_listener
def ajouter_options(parser: Any) -> None:
    """The options of open arrivals (`locust --help`)."""
    group = parser.add_argument_group("Arrivées ouvertes (formes ouverture, palier, journee)")
    group.add_argument(
        "--arrivees",
        choices=("ouvertes", "fermees"),
        default="ouvertes",
        help="ouvertes : les électeurs arrivent au débit de la forme, que le portail "
        "suive ou non ; fermees : chaque utilisateur attend la fin de son parcours avant "
        "l'électeur suivant (utilisateurs = débit × --parcours-s) ; défaut : ouvertes",
    )
    group.add_argument(
        "--loi",
        choices=("poisson", "reguliere"),
        default="poisson",
        help="arrivées au hasard (processus de Poisson) ou à intervalles réguliers",
    )
    group.add_argument(
        "--pool-max",
        type=arguments.entier_positif,
        default=3000,
        help="plafond d'utilisateurs Locust (parcours en vol) ; défaut : 3000",
    )
    group.add_argument(
        "--retard-max-ms",
        type=arguments.nombre_positif,
        default=1000.0,
        help="une arrivée qui ne peut partir dans ce délai est comptée non démarrée ; "
        "défaut : 1000",
    )


class Horaire:
    """The arrival times of one persona in this process, drawn as time goes."""

    def __init__(
        self, taux: Callable[[float], float], duree_s: float, debut: float, poisson: bool
    ) -> None:
        self.taux, self.duree_s, self.debut, self.poisson = taux, duree_s, debut, poisson
        self._s = 0.0  # seconds from the start to the last arrival drawn
        self._prochaine: float | None = None
        self.dues: deque[float] = deque()  # fallen due, not yet taken by a user

    def _tirer(self) -> float | None:
        """The next arrival after the last one drawn, or None past the shape's end."""
        besoin = random.expovariate(1.0) if self.poisson else 1.0
        s = self._s
        while s < self.duree_s:
            # The next tenth of a second; never s itself (k × 0.1 ÷ 0.1 may floor to k - 1).
            fin = min(max((math.floor(s / PAS_S) + 1) * PAS_S, s + PAS_S / 2), self.duree_s)
            taux = max(0.0, self.taux(s))
            if taux * (fin - s) >= besoin:
                self._s = s + besoin / taux
                return self.debut + self._s
            besoin -= taux * (fin - s)
            s = fin
        self._s = s
        return None

    def avancer(self, maintenant: float) -> int:
        """Queue every arrival fallen due by now; return how many."""
        nouvelles = 0
        while True:
            if self._prochaine is None:
                self._prochaine = self._tirer()
            if self._prochaine is None or self._prochaine > maintenant:
                return nouvelles
            self.dues.append(self._prochaine)
            self._prochaine = None
            nouvelles += 1

    def prendre(self) -> tuple[float | None, bool]:
        """The next arrival for a free user, and whether it had fallen due already."""
        if self.dues:
            return self.dues.popleft(), True
        du = self._prochaine if self._prochaine is not None else self._tirer()
        self._prochaine = None
        return du, False


_horaires: dict[str, Horaire] = {}
_debut: list[float] = []
_arret: list[float] = []  # when the run began to stop: no arrival after that
_pool: list[int] = [0]


def ouvertes(environment: Any) -> bool:
    """Open arrivals in this run: asked for, and a shape gives the rate."""
    options = environment.parsed_options
    forme = getattr(environment, "shape_class", None)
    choix = getattr(options, "arrivees", "fermees")  # a shape built outside Locust's parser
    return bool(choix == "ouvertes" and hasattr(forme, "taux"))


def _parties(options: Any) -> int:
    """How many processes share the arrivals (as they share the roll)."""
    return int(options.parties_liste or options.processes or options.expect_workers or 1)


def _horaire(environment: Any, persona: type) -> Horaire:
    nom = persona.__name__
    if nom not in _horaires:
        options, forme = environment.parsed_options, environment.shape_class
        forme.options_hors_maitre = options  # a worker's shape is not run by a runner
        poids = sum(c.weight for c in environment.user_classes)
        part = options.facteur * persona.weight / poids / _parties(options)  # type: ignore[attr-defined]
        echelle = options.echelle_temps
        debut = _debut[0] if _debut else time.monotonic()

        def taux(s: float) -> float:
            return float(forme.taux(s * echelle) * part)

        _horaires[nom] = Horaire(taux, forme.duree_s / echelle, debut, options.loi == "poisson")
    return _horaires[nom]


def _faire_tomber() -> None:
    """Count every arrival fallen due that no user has taken (before each snapshot)."""
    maintenant = min([time.monotonic(), *_arret])
    for nom, horaire in list(_horaires.items()):
        compteurs.local.ajouter(nom, "offertes", horaire.avancer(maintenant))
        compteurs.local.par_persona[nom]["en_attente"] = len(horaire.dues)


compteurs.avant_instantane.append(_faire_tomber)


@events.test_start.add_listener
def demarrer(environment: Any, **_kwargs: Any) -> None:
    """The arrival clocks start with the run, in each process that simulates voters."""
    if isinstance(environment.runner, MasterRunner):
        return
    _debut[:] = [time.monotonic()]
    _arret.clear()
    _horaires.clear()
    if ouvertes(environment):
        # Every persona's clock runs from the start, even one no user holds a place for
        # yet: its arrivals are offered, and counted not started.
        for classe in environment.user_classes:
            _horaire(environment, classe)


@events.test_stopping.add_listener
def arreter(environment: Any, **_kwargs: Any) -> None:
    """No arrival falls due once the run stops; the journeys in flight may still end
    within Locust's `--stop-timeout` (`make effondrement` lets them)."""
    if not isinstance(environment.runner, MasterRunner) and not _arret:
        _arret.append(time.monotonic())


def fin_du_parcours(user: Any) -> None:
    """Close the user's journey in flight, if any: completed, abandoned or failed. One
    still in flight when the run stops stays counted « en vol »."""
    issue = getattr(user, "issue_du_parcours", None)
    if issue is None:
        return
    persona = type(user).__name__
    compteurs.local.ajouter(persona, "en_cours", -1)
    compteurs.local.ajouter(persona, issue)
    user.issue_du_parcours = None


def attendre_son_tour(user: Any) -> float:
    """Close the user's last journey, wait for its persona's next arrival, and return
    its due time (monotonic), from which the voter's journey is timed. In closed
    arrivals, now."""
    fin_du_parcours(user)
    environment, persona = user.environment, type(user).__name__
    registre = compteurs.local
    if not ouvertes(environment):
        registre.ajouter(persona, "offertes")
        return _partir(user, time.monotonic())
    horaire = _horaire(environment, type(user))
    tolerance = environment.parsed_options.retard_max_ms / 1000
    while True:
        if _arret:
            raise StopUser()  # the run is stopping: no new voter
        registre.ajouter(persona, "offertes", horaire.avancer(time.monotonic()))
        du, deja_offerte = horaire.prendre()
        if du is None:  # the shape is over: the run stops soon
            time.sleep(FOREVER_S)
            continue
        if not deja_offerte:
            time.sleep(max(0.0, du - time.monotonic()))
            if _arret and du > _arret[0]:
                raise StopUser()
            registre.ajouter(persona, "offertes")
        retard = time.monotonic() - du
        if retard > tolerance:
            registre.ajouter(persona, "perdues_pool" if deja_offerte else "perdues_generateur")
            continue
        registre.generateur["retard_max_ms"] = max(
            registre.generateur["retard_max_ms"], round(retard * 1000)
        )
        return _partir(user, du)


def _partir(user: Any, du: float) -> float:
    persona = type(user).__name__
    compteurs.local.ajouter(persona, "demarrees")
    compteurs.local.ajouter(persona, "en_cours")
    user.issue_du_parcours = "echecs"  # until the journey says otherwise
    return du


def issue(user: Any, quoi: str) -> None:
    """Say how the user's journey in flight ends: « terminees » or « abandons »."""
    if getattr(user, "issue_du_parcours", None) is not None:
        user.issue_du_parcours = quoi


def entree(user: Any, duree_s: float) -> None:
    """A voter got in `duree_s` after arriving: completed, and counted in the buckets of
    1, 5 and 15 minutes of the shape's time."""
    issue(user, "terminees")
    options = user.environment.parsed_options
    echelle = options.echelle_temps if options else 1.0
    for minutes in (1, 5, 15):
        if duree_s <= minutes * 60 / echelle:
            compteurs.local.ajouter(type(user).__name__, f"entrees_{minutes}")


def taille_du_pool(environment: Any, taux_s: float) -> int:
    """Users the pool needs now, for `taux_s` arrivals a second over every process: each
    persona's journeys in flight and MARGE_S seconds of its arrivals, never shrinking,
    at most `--pool-max`."""
    registre = compteurs.du_tir(environment)
    classes = environment.user_classes
    poids = sum(c.weight for c in classes) or 1
    besoin = 1
    for classe in classes:
        part = classe.weight / poids
        en_vol = max(0, registre.par_persona[classe.__name__]["en_cours"])
        places = en_vol * 1.25 + taux_s * part * MARGE_S + 2
        besoin = max(besoin, math.ceil(places / part))
    borne = int(environment.parsed_options.pool_max)
    _pool[0] = min(borne, max(_pool[0], besoin))
    compteurs.local.generateur["pool_maximal"] = _pool[0]
    if besoin > borne:
        compteurs.local.generateur["pool_borne_atteinte"] = 1
    return _pool[0]
