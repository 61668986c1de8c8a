"""Which keys a portal's vocabulary file sets, and which it leaves to the reference.

A file only names the keys that differ, so a key forgotten there silently keeps the
reference wording: `python -m harnais.vocabulaire FICHIER` lists, section by section, the
keys the file gives and those taken from the reference (with the reference's value), so
that a QA person checks the latter against the portal's pages. Keys of what the file
declares absent (`[absences]`) are listed apart: nothing on that portal shows them.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from harnais.vocabulaire import (
    REFERENCE,
    SECTIONS,
    Vocabulaire,
    VocabulaireInvalide,
    charger,
    lire_toml,
    vocabulaire,
)
from harnais.vocabulaire_obsolete import sans_obsoletes

COMMANDE = "python -m harnais.vocabulaire"


@dataclass(frozen=True)
class Cle:
    """One key of a section: its value in force, and whether the file itself sets it."""

    section: str
    nom: str
    valeur: Any
    donnee: bool
    sans_objet: bool  # it belongs to a capability the file declares absent

    @property
    def reprise(self) -> bool:
        """Taken from the reference, on a screen the portal has: to check on its pages."""
        return not self.donnee and not self.sans_objet


def _sans_objet(section: str, cle: str, vocabulaire: Vocabulaire) -> bool:
    """Whether a key names something the portal declares absent: the whole `[vote]` when
    the vote is absent, or the key named like the capability (`captcha_audio`…)."""
    absences = vocabulaire.absences
    return (section == "vote" and "vote" in absences) or cle in absences


def cles(path: Path) -> list[Cle]:
    """Every key of the vocabulary `path` in force, in the reference's order; raises
    VocabulaireInvalide as `charger` does for a file that cannot be used."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # `charger` already says what is obsolete
        vocabulaire = charger(path)
        brut = sans_obsoletes(path, lire_toml(path))
    resultat = []
    for section in SECTIONS:
        donnees = brut.get(section, {})
        valeurs = getattr(vocabulaire, section)
        for champ in fields(valeurs):
            resultat.append(
                Cle(
                    section,
                    champ.name,
                    getattr(valeurs, champ.name),
                    champ.name in donnees,
                    _sans_objet(section, champ.name, vocabulaire),
                )
            )
    return resultat


def reprises(path: Path) -> list[Cle]:
    """The keys the file leaves to the reference, on screens the portal has."""
    return [c for c in cles(path) if c.reprise]


def ligne_de_depart(path: Path) -> str:
    """The one line a run against `path` prints at start."""
    return (
        f"Vocabulaire {path} : {len(reprises(path))} clés reprises du vocabulaire de "
        f"référence (liste : {COMMANDE} {path})"
    )


def cles_du_vocabulaire(texte: str) -> str | None:
    """« Clé du vocabulaire : [liens] acceder (…) » when the vocabulary in force says
    `texte` under some key (a label searched and not found: the key is what to fix),
    with where that value comes from; None when no key holds it."""
    en_vigueur = vocabulaire()
    source = Path(en_vigueur.source)
    trouvees = [
        c
        for c in (cles(source) if source != REFERENCE else _cles_de_reference())
        if c.valeur == texte or (isinstance(c.valeur, tuple) and texte in c.valeur)
    ]
    if not trouvees:
        return None
    noms = " ou ".join(f"[{c.section}] {c.nom}" for c in trouvees)
    if source == REFERENCE:
        d_ou = f"valeur de {REFERENCE.name} ; un autre libellé se donne dans --vocabulaire"
    elif all(c.donnee for c in trouvees):
        d_ou = f"valeur donnée par {source}"
    else:
        d_ou = f"valeur reprise du vocabulaire de référence : absente de {source}"
    return f"Clé du vocabulaire : {noms} ({d_ou})"


def _cles_de_reference() -> list[Cle]:
    reference = charger()
    return [
        Cle(section, f.name, getattr(getattr(reference, section), f.name), True, False)
        for section in SECTIONS
        for f in fields(getattr(reference, section))
    ]


def _valeur(valeur: Any) -> str:
    if isinstance(valeur, tuple):
        return "[" + ", ".join(f"« {v} »" for v in valeur) + "]"
    return f"« {valeur} »"


def rapport(path: Path) -> str:
    """The listing of `python -m harnais.vocabulaire FICHIER`, per section."""
    toutes = cles(path)
    lignes = [f"Vocabulaire {path}, posé sur celui de référence :"]
    for section in SECTIONS:
        dans = [c for c in toutes if c.section == section]
        donnees = [c for c in dans if c.donnee]
        repr_ = [c for c in dans if c.reprise]
        absentes = [c for c in dans if not c.donnee and c.sans_objet]
        lignes.append(
            f"\n[{section}] {len(donnees)} donnée(s), {len(repr_)} reprise(s) de la référence"
            + (f", {len(absentes)} sans objet (déclaré absent)" if absentes else "")
        )
        lignes += [f"  donnée   {c.nom} = {_valeur(c.valeur)}" for c in donnees]
        lignes += [f"  REPRISE  {c.nom} = {_valeur(c.valeur)}" for c in repr_]
        if absentes:
            lignes.append("  sans objet : " + ", ".join(c.nom for c in absentes))
    total = sum(1 for c in toutes if c.reprise)
    lignes.append(
        f"\n{total} clés reprises du vocabulaire de référence : vérifiez sur les pages du "
        "portail que chacune y est dite ainsi, sinon donnez-la dans le fichier."
    )
    return "\n".join(lignes)


def main(argv: list[str] | None = None) -> int:
    """`python -m harnais.vocabulaire FICHIER`: print the report; 2 for a bad file."""
    parser = argparse.ArgumentParser(
        prog=COMMANDE,
        description=(
            "Vérifie un fichier de vocabulaire d'un portail et dit, section par section, "
            "les clés qu'il donne et celles qui reprennent la valeur du vocabulaire de "
            "référence (harnais/vocabulaire.toml), valeur comprise."
        ),
        epilog="Statut 0 si le fichier est utilisable, 2 sinon (avec la clé en cause).",
    )
    parser.add_argument("fichier", type=Path, help="le vocabulaire du portail (TOML)")
    args = parser.parse_args(argv)
    try:
        charger(args.fichier)  # its warnings (obsolete keys) shown here, once
        print(rapport(args.fichier))
    except VocabulaireInvalide as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        return 2
    return 0
