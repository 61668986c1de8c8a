"""Shapes of the incident replays (`2018`, `2022`) and of the collapse search (`debit`),
played with open arrivals: sources and assumptions in README « Incidents rejoués »."""

from __future__ import annotations

from typing import Any

from locust import events

from fixtures import arguments
from load.formes_de_charge import DEMI_HEURE, FormeDeCharge, Ouverture


@events.init_command_line_parser.add_listener
def ajouter_options(parser: Any) -> None:
    """The constant rate of the `debit` profile."""
    group = parser.add_argument_group("Débit constant (profil debit)")
    group.add_argument(
        "--debit",
        type=arguments.nombre_positif,
        default=1.0,
        help="arrivées d'électeurs par seconde (× --facteur) ; durée : --run-time",
    )


class Troupeau2018(Ouverture):
    """2018: the portal opened at 10:00 and collapsed a few minutes later (vote-faits.md,
    « The peak »). Every voter of the opening half hour (electorate × turnout × share of
    the first half hour) comes at 10:00 sharp: the herd arrives within the first minute,
    then the opening's peak rate goes on for the rest of the quarter hour."""

    duree_s = 900.0
    troupeau_s = 60.0

    def taux(self, t: float) -> float:
        """The half hour's crowd in one minute, then the peak."""
        pic = self.pic()
        return pic * DEMI_HEURE / self.troupeau_s if t < self.troupeau_s else pic


class Retards2022(Ouverture):
    """2022: réassort codes valid 120 s arrived already expired (vote-faits.md); the
    opening's peak rate for ten minutes, the mail side slowed down by the sink."""

    duree_s = 600.0

    def taux(self, t: float) -> float:
        """The opening's peak, from the first second."""
        return self.pic()


class Debit(FormeDeCharge):
    """A constant rate, `--debit` × `--facteur` arrivals a second, for `--run-time`."""

    use_common_options = True
    duree_s = 10.0**9

    def taux(self, t: float) -> float:
        """Constant."""
        options = self.options()
        return float(options.debit) if options else 1.0

    def tick(self) -> tuple[int, float] | None:
        """The base shape's, until `--run-time`."""
        options = self.options()
        if options and options.run_time and self.get_run_time() >= options.run_time:
            return None
        return super().tick()
