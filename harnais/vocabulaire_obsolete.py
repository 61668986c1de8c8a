"""What vocabularies written for an earlier harness still name and no longer mean: the
HTML names of form fields (`[formulaires]`, the vote's `formulaire_*`), from before the
HTTP clients found fields by their label as the browser does.

A file that still has them keeps working: they are dropped with a warning that names them,
so that its author knows what to delete, instead of a refusal on the day of a recette.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any


class VocabulaireObsolete(UserWarning):
    """A vocabulary file still names what the harness no longer reads: ignored, said once."""


# What older vocabularies had and the harness no longer reads: the HTML names of form
# fields (the HTTP clients now find fields by their label, as the browser does).
OBSOLETES: dict[str, frozenset[str] | None] = {
    "formulaires": None,  # the whole section
    "vote": frozenset({"formulaire_code", "formulaire_liste", "formulaire_reponse"}),
}
_RAISON_OBSOLETE = (
    "ignoré(e)s : les clients HTTP trouvent les champs par leur étiquette, comme le "
    "navigateur ([champs], [boutons], [vote]) ; retirez-les du fichier"
)


def sans_obsoletes(source: Path, autre: dict[str, Any]) -> dict[str, Any]:
    """`autre` without what the harness no longer reads, each left-over named in a
    warning (an old file keeps working, its author learns what to delete)."""
    gardees: dict[str, Any] = {}
    for nom, donnees in autre.items():
        obsoletes = OBSOLETES.get(nom, frozenset())
        if nom in OBSOLETES and obsoletes is None:
            warnings.warn(
                f"vocabulaire {source} : section [{nom}] {_RAISON_OBSOLETE}",
                VocabulaireObsolete,
                stacklevel=3,
            )
            continue
        if isinstance(donnees, dict) and obsoletes and set(donnees) & obsoletes:
            vieilles = sorted(set(donnees) & obsoletes)
            warnings.warn(
                f"vocabulaire {source} : [{nom}] {', '.join(vieilles)} {_RAISON_OBSOLETE}",
                VocabulaireObsolete,
                stacklevel=3,
            )
            donnees = {k: v for k, v in donnees.items() if k not in obsoletes}
        gardees[nom] = donnees
    return gardees
