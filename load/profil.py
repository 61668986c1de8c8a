"""The portal's profile on the load side: a persona whose screens the vocabulary declares
absent (`[absences] vote` for `Votant`) is not started, with one warning that names the
declaration, instead of failing on every request to screens that do not exist.

Each persona says what it needs in `capacites` (harnais/profil.py's names). Done at
Locust's `init`, on every process (the master dispatches users by class, the workers
run them), before any user is spawned or any arrival clock reads the weights.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from locust import events
from locust.runners import WorkerRunner

from harnais.vocabulaire import VocabulaireInvalide, charger

# Exit status when nothing is left to run (as argparse's for a refused option).
RIEN_A_LANCER = 2


def personas_absents(classes: list[Any], absences: dict[str, Any]) -> dict[str, Any]:
    """The persona classes that need a capability declared absent, by class name, with
    the first such declaration (an `Absence`)."""
    absents = {}
    for classe in classes:
        manquantes = [absences[c] for c in getattr(classe, "capacites", ()) if c in absences]
        if manquantes:
            absents[classe.__name__] = manquantes[0]
    return absents


@events.init.add_listener
def ecarter_les_absents(environment: Any, **_kwargs: Any) -> None:
    """Leave out the personas the vocabulary's profile makes pointless, saying so once."""
    options = environment.parsed_options
    if options is None or not getattr(options, "vocabulaire", ""):
        return
    try:
        absences = charger(Path(options.vocabulaire)).absences
    except VocabulaireInvalide:
        return  # refused with its key when the run starts (load/options.py)
    absents = personas_absents(environment.user_classes, absences)
    if not absents:
        return
    environment.user_classes[:] = [c for c in environment.user_classes if c.__name__ not in absents]
    journal = logging.getLogger(__name__)
    if not isinstance(environment.runner, WorkerRunner):
        for nom, absence in absents.items():
            journal.warning("%s non démarré : %s", nom, absence.decrire())
    if not environment.user_classes:
        journal.error(
            "Aucun persona à lancer : %s demande(nt) ce que le vocabulaire déclare absent.",
            ", ".join(absents),
        )
        sys.exit(RIEN_A_LANCER)
