"""What a portal serves so that a page can build ballots: the browser module and the two
libraries it imports, with the import map that resolves their bare names.

    <script type="importmap">{carte_imports("/chiffrement")}</script>
    <script type="module">
      import {verifierParametres, deriverSecret, construireBulletin}
        from "/chiffrement/bulletin.js";
    </script>

A route GET /chiffrement/{chemin} answers `fichier_servi(chemin)` (404 when None) with
Content-Type text/javascript. The libraries come from `npm ci` in chiffrement/navigateur
(make install); `manquants()` says what is not installed.
"""

from __future__ import annotations

import json
from pathlib import Path

DOSSIER = Path(__file__).resolve().parent / "navigateur"
MODULE = DOSSIER / "bulletin.js"
_NOBLE = DOSSIER / "node_modules" / "@noble"
# URL sub-folder → installed package folder.
BIBLIOTHEQUES = {"noble/curves": _NOBLE / "curves", "noble/hashes": _NOBLE / "hashes"}


def carte_imports(prefixe: str) -> str:
    """The import map (JSON) for a page, the files being served under `prefixe`."""
    base = prefixe.rstrip("/")
    imports = {f"@{nom}/": f"{base}/{nom}/" for nom in BIBLIOTHEQUES}
    return json.dumps({"imports": imports})


def fichier_servi(chemin: str) -> Path | None:
    """The file for a URL path below the prefix, or None: only bulletin.js and the
    libraries' own .js files, never a path that climbs out of them."""
    if chemin == "bulletin.js":
        return MODULE
    for nom, dossier in BIBLIOTHEQUES.items():
        if chemin.startswith(nom + "/"):
            cible = (dossier / chemin[len(nom) + 1 :]).resolve()
            if (
                cible.suffix == ".js"
                and cible.is_relative_to(dossier.resolve())
                and cible.is_file()
            ):
                return cible
    return None


def manquants() -> list[str]:
    """The libraries not installed (run `make install`, which runs npm ci)."""
    return [f"@{nom}" for nom, dossier in BIBLIOTHEQUES.items() if not dossier.is_dir()]
