"""The bureau de vote's count and anyone's verifier, run as their commands on the reference
portal's files: `python -m simulator depouiller` on a copy of the portal's election (its
database, its test clock, its parameters) with the trustees' keys, then
`python -m simulator verifier` on the folder the count published; and the altered copy
of a published board that the verifier must refuse.

The count works on a copy so that the portal of the run keeps its board open for the
scenarios that follow (a count closes a board for good). Only a reference portal this
suite started has its files here: the scenarios that need them are tagged `@reference`,
and `@crochets` when they move its clock.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chiffrement.hachage import empreinte

ROOT = Path(__file__).resolve().parent.parent
TABLEAU = "tableau.json"
RESULTATS = "resultats.json"


@dataclass(frozen=True)
class FichiersDuPortail:
    """Where a reference portal started by this suite keeps its election: its database,
    the parameters the bureau published, the trustees' key files."""

    base: Path
    publication: Path
    tiers: Path


@dataclass(frozen=True)
class Sortie:
    """What a command gave back: its exit status and what it printed."""

    statut: int
    sortie: str
    erreurs: str

    def __str__(self) -> str:
        return f"statut {self.statut}\n{self.sortie}{self.erreurs}"


def _commande(*arguments: str | Path) -> Sortie:
    """Run `python -m simulator …` from the project's root, as the README shows it."""
    fait = subprocess.run(
        [sys.executable, "-m", "simulator", *map(str, arguments)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return Sortie(fait.returncode, fait.stdout, fait.stderr)


def depouiller(fichiers: FichiersDuPortail, dossier: Path) -> tuple[Sortie, Path]:
    """The bureau's count on a copy of the portal's election in `dossier`, with every
    trustee's key, at the portal's test clock (`--horloge-de-test`); returns the
    command's outcome and the folder it publishes in."""
    from steps.reference import copier_election

    base, publication = copier_election(fichiers.base, fichiers.publication, dossier)
    cles = sorted(fichiers.tiers.glob("*.cle"))
    sortie = _commande(
        "depouiller", "--db", base, "--publication", publication, "--horloge-de-test", *cles
    )
    return sortie, publication


def resultats_publies(publication: Path) -> bool:
    """Whether the count published its results in this folder."""
    return (publication / RESULTATS).exists()


def verifier(publication: Path) -> Sortie:
    """Anyone's verifier on a published folder."""
    return _commande("verifier", publication)


def _entrees(publication: Path) -> list[dict[str, Any]]:
    entrees: list[dict[str, Any]] = json.loads((publication / TABLEAU).read_text(encoding="utf-8"))[
        "entrees"
    ]
    return entrees


def hauteur_du_bulletin(publication: Path, empreinte_accuse: str) -> int | None:
    """The height, on the published board, of the ballot whose fingerprint the receipt
    showed (the fingerprint is the hash of the entry's content, as the board page says)."""
    for entree in _entrees(publication):
        if entree["type"] == "bulletin" and empreinte(entree["contenu"]) == empreinte_accuse:
            return int(entree["hauteur"])
    return None


def copie_alteree(publication: Path, empreinte_accuse: str, alteration: str) -> tuple[Path, int]:
    """A copy of the published folder beside it whose board has the receipt's ballot
    altered: « changé d'un octet » (one character of its signature replaced, nothing else
    in the file moved) or « retiré » (its entry taken out). Returns (copy, the ballot's
    height)."""
    hauteur = hauteur_du_bulletin(publication, empreinte_accuse)
    assert hauteur is not None, f"le bulletin {empreinte_accuse} n'est pas au tableau publié"
    copie = publication.with_name(publication.name + "-alteree")
    copie.mkdir()
    for fichier in publication.iterdir():
        (copie / fichier.name).write_bytes(fichier.read_bytes())
    chemin = copie / TABLEAU
    if alteration == "changé d'un octet":
        chemin.write_bytes(_un_octet_change(chemin.read_bytes(), _entrees(copie)[hauteur]))
    elif alteration == "retiré":
        entrees = [e for e in _entrees(copie) if e["hauteur"] != hauteur]
        texte = json.dumps({"entrees": entrees}, ensure_ascii=False, indent=1) + "\n"
        chemin.write_text(texte, encoding="utf-8")
    else:
        raise AssertionError(f"altération inconnue : « {alteration} » (changé d'un octet, retiré)")
    return copie, hauteur


def _un_octet_change(brut: bytes, entree: dict[str, Any]) -> bytes:
    """The board's bytes with one character changed inside this entry's ballot: the last
    character of the longest text of its content, found once in the file (a point or a
    signature: random enough to be unique), replaced by another of the same kind."""
    textes = sorted(_textes(entree["contenu"]), key=len, reverse=True)
    assert textes, "le bulletin publié ne contient aucun texte à changer"
    cherche = json.dumps(textes[0], ensure_ascii=False).encode()
    assert brut.count(cherche) == 1, f"{textes[0]} n'est pas unique dans {TABLEAU}"
    position = brut.index(cherche) + len(cherche) - 2  # its last character, before the quote
    remplacant = b"0" if brut[position : position + 1] != b"0" else b"1"
    return brut[:position] + remplacant + brut[position + 1 :]


def _textes(valeur: Any) -> list[str]:
    """Every text inside a JSON value."""
    if isinstance(valeur, str):
        return [valeur]
    if isinstance(valeur, dict):
        return [t for v in valeur.values() for t in _textes(v)]
    if isinstance(valeur, list):
        return [t for v in valeur for t in _textes(v)]
    return []
