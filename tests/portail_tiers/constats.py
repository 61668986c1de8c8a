"""What is known to fail against the tiers portal, read from CONSTATS.md, and the verdict
of a run against it: a known failure is reported, a new failure or a known failure that
now passes fails the run (the list must follow the harness, both ways)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

# A row of the table: | `test id` | harnais or portail | why |
LIGNE = re.compile(r"^\|\s*`([^`]+)`\s*\|\s*(harnais|portail)\s*\|\s*(.*?)\s*\|\s*$")
CHARGE = "charge"


def ecarts_connus(constats: Path) -> dict[str, str]:
    """Test id (or `charge`) -> « harnais » or « portail », from the file's tables."""
    connus: dict[str, str] = {}
    for ligne in constats.read_text(encoding="utf-8").splitlines():
        if trouve := LIGNE.match(ligne):
            connus[trouve.group(1)] = trouve.group(2)
    return connus


@dataclass
class Bilan:
    """The scenarios of one run, sorted by what CONSTATS.md expected of them."""

    reussis: list[str] = field(default_factory=list)
    ignores: list[tuple[str, str]] = field(default_factory=list)
    connus: dict[str, list[str]] = field(default_factory=lambda: {"harnais": [], "portail": []})
    nouveaux: list[tuple[str, str]] = field(default_factory=list)
    gueris: list[str] = field(default_factory=list)

    @property
    def sain(self) -> bool:
        """No surprise: every failure was known, every known failure still fails."""
        return not self.nouveaux and not self.gueris

    def lignes(self) -> list[str]:
        """The report, one line per scenario that did not simply pass."""
        sortie = [f"ignoré : {nom} — {raison}" for nom, raison in self.ignores]
        for cause, noms in self.connus.items():
            sortie += [f"échec connu ({cause}) : {nom}" for nom in noms]
        sortie += [f"ÉCHEC NOUVEAU : {nom} — {message}" for nom, message in self.nouveaux]
        sortie += [
            f"RÉUSSIT DÉSORMAIS : {nom} — retirez sa ligne de CONSTATS.md" for nom in self.gueris
        ]
        execs = len(self.reussis) + sum(map(len, self.connus.values())) + len(self.nouveaux)
        sortie.append(
            f"Portail tiers : {execs} exécutés, {len(self.reussis)} réussis, "
            f"{len(self.connus['harnais'])} échecs connus du harnais, "
            f"{len(self.connus['portail'])} manques connus du portail, "
            f"{len(self.nouveaux)} échecs nouveaux, {len(self.gueris)} guéris, "
            f"{len(self.ignores)} ignorés"
        )
        return sortie


def _message(cas: ET.Element) -> str:
    for balise in ("failure", "error"):
        if (noeud := cas.find(balise)) is not None:
            texte = noeud.get("message") or noeud.text or ""
            return texte.strip().splitlines()[0][:200] if texte.strip() else balise
    return ""


def juger(junit: Path, connus: dict[str, str]) -> Bilan:
    """Sort a JUnit report's test cases against the known failures."""
    bilan = Bilan()
    for cas in ET.parse(junit).getroot().iter("testcase"):
        nom = cas.get("name", "")
        titre = _titre(cas)
        # The scenario's title for people, the test id that CONSTATS.md lists beside it.
        nomme = f"{titre} (`{nom}`)" if titre else nom
        if (saute := cas.find("skipped")) is not None:
            bilan.ignores.append((titre or nom, (saute.get("message") or "").strip()))
        elif message := _message(cas):
            if nom in connus:
                bilan.connus[connus[nom]].append(nomme)
            else:
                bilan.nouveaux.append((nomme, message))
        elif nom in connus:
            bilan.gueris.append(nomme)
        else:
            bilan.reussis.append(nom)
    return bilan


def _titre(cas: ET.Element) -> str:
    """The scenario's title from the feature file, which the harness records as a JUnit
    property (steps/rapports.py); empty for a test that is not a scenario."""
    for propriete in cas.iter("property"):
        if propriete.get("name") == "titre_du_scenario":
            return propriete.get("value") or ""
    return ""
