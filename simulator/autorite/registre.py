"""What the credential authority remembers of its réassorts: for each voter, the public
credentials it has issued (the notice's, from its credentials file, then each réassort's),
so that a request to replace a credential the authority never gave that voter — another
voter's, which the portal's host would hand to a colluding voter whose new code would then
vote in the other's place — is refused.

An append-only JSON lines file (mode 600), `{"electeur", "credential"}` a line, written
and flushed to disk before the new code is mailed: a crash loses no issued credential, and
a credential issued whose mail then failed is merely one more the voter may hold. Only
public credentials are written, never a code."""

from __future__ import annotations

import json
import os
import threading
from collections import defaultdict
from pathlib import Path

REGISTRE = "reassorts.jsonl"  # beside the credentials file, unless told otherwise


class RegistreReassorts:
    """The credentials issued per voter: the file's, then the réassorts' (thread-safe)."""

    def __init__(self, initiales: dict[str, str], chemin: Path) -> None:
        """Start from `initiales` (voter → the notice's credential) and the réassorts
        already recorded in `chemin` (created, mode 600, if missing)."""
        self.chemin = chemin
        self._verrou = threading.Lock()
        self._donnees: defaultdict[str, set[str]] = defaultdict(set)
        for electeur, credential in initiales.items():
            self._donnees[electeur].add(credential)
        chemin.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descripteur = os.open(chemin, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        contenu = chemin.read_bytes()
        complet = contenu[: contenu.rfind(b"\n") + 1]
        if len(complet) != len(contenu):
            # A line cut by a crash: the réassort it started was never answered.
            os.ftruncate(descripteur, len(complet))
        for ligne in complet.decode("utf-8").splitlines():
            donnee = json.loads(ligne)
            self._donnees[donnee["electeur"]].add(donnee["credential"])
        self._fichier = os.fdopen(descripteur, "a", encoding="utf-8")

    def donnee_a(self, electeur: str, credential: str) -> bool:
        """Whether the authority gave `credential` to `electeur` (notice or réassort)."""
        with self._verrou:
            return credential in self._donnees.get(electeur, set())

    def ajouter(self, electeur: str, credential: str) -> None:
        """Record a credential issued to `electeur`, on disk before returning."""
        ligne = json.dumps({"electeur": electeur, "credential": credential}) + "\n"
        with self._verrou:
            self._fichier.write(ligne)
            self._fichier.flush()
            os.fsync(self._fichier.fileno())
            self._donnees[electeur].add(credential)

    def fermer(self) -> None:
        """Close the file."""
        with self._verrou:
            self._fichier.close()
