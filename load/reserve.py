"""`--reserve-bulletins`: the Votant persona casts ballots built ahead of the run
(harnais/reserve_bulletins.py, written by `python -m load.reserve`), as a real injector
would, so that the run measures the portal checking ballots rather than the injector
building them. Each process reads the file once; the ballots given out and those built
live for want of one are counted in the generator's line of the report."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from locust import events

from harnais.reserve_bulletins import ReserveBulletins
from load import compteurs

_reserve: list[ReserveBulletins | None] = []
_verrou = threading.Lock()


@events.init_command_line_parser.add_listener
def ajouter_option(parser: Any) -> None:
    """Register `--reserve-bulletins`."""
    parser.add_argument(
        "--reserve-bulletins",
        default="",
        metavar="JSONL",
        help="bulletins du persona Votant construits d'avance (python -m load.reserve) ; "
        "sans elle, chaque bulletin est construit pendant le tir",
    )


def reserve_du_processus(environment: Any) -> ReserveBulletins | None:
    """This process's reserve, read once from `--reserve-bulletins` (None without one)."""
    with _verrou:
        if not _reserve:
            options = environment.parsed_options
            chemin = getattr(options, "reserve_bulletins", "") if options else ""
            reserve = ReserveBulletins.lire(Path(chemin)) if chemin else None
            _reserve.append(reserve)
            if reserve is not None:
                compteurs.avant_instantane.append(lambda: _compter(reserve))
        return _reserve[0]


def _compter(reserve: ReserveBulletins) -> None:
    """Copy the reserve's counts into this process's generator counts (before a snapshot)."""
    compteurs.local.generateur["bulletins_reserve"] = reserve.donnes
    compteurs.local.generateur["bulletins_construits"] = reserve.construits
