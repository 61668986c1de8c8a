"""Guide coverage: which statement of the voter guide is tested, by which scenario, with
what last result.

    make couverture
    .venv/bin/python -m steps.couverture [--enonces features/guide.toml]
        [--cucumber results/cucumber.json] [--sortie results/couverture]

Reads the statements (features/guide.toml), the scenarios (features/*.feature) and, if
there is one, the last run's Cucumber JSON; writes `couverture.md` and `couverture.html`;
exits 1 when a statement has no scenario or names a scenario that does not exist.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from dataclasses import dataclass
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TITRE = re.compile(r"^\s*(?:Scénario|Plan du scénario)\s*:\s*(.+?)\s*$", re.M)
LIBELLES = {"passed": "réussi", "failed": "en échec", "skipped": "ignoré", None: "pas encore joué"}


@dataclass(frozen=True)
class Enonce:
    """One statement of the guide and the scenarios said to cover it."""

    id: str
    ligne: int
    citation: str
    scenarios: tuple[str, ...]


def lire_enonces(chemin: Path) -> list[Enonce]:
    """The statements of the data file, in its order."""
    donnees = tomllib.loads(chemin.read_text(encoding="utf-8"))
    return [
        Enonce(e["id"], int(e["ligne"]), e["citation"], tuple(e.get("scenarios", [])))
        for e in donnees.get("enonce", [])
    ]


def titres_des_scenarios(dossier: Path) -> set[str]:
    """Every scenario title of the feature files."""
    return {t for f in sorted(dossier.glob("*.feature")) for t in TITRE.findall(f.read_text())}


def resultats(cucumber: Path) -> dict[str, str]:
    """The last result of each scenario (an outline failed if one of its rows failed)."""
    if not cucumber.exists():
        return {}
    etats: dict[str, str] = {}
    for fonctionnalite in json.loads(cucumber.read_text(encoding="utf-8")):
        for element in fonctionnalite.get("elements", []):
            statuts = {s.get("result", {}).get("status") for s in element.get("steps", [])}
            etat = (
                "failed" if "failed" in statuts else "skipped" if "skipped" in statuts else "passed"
            )
            nom = element.get("name", "")
            if etats.get(nom) != "failed":
                etats[nom] = etat
    return etats


def problemes(enonces: list[Enonce], titres: set[str]) -> list[str]:
    """What makes the coverage fail: a statement without scenario, an unknown scenario."""
    trouves = []
    for e in enonces:
        if not e.scenarios:
            trouves.append(f"{e.id} (ligne {e.ligne}) « {e.citation} » : aucun scénario")
        for s in e.scenarios:
            if s not in titres:
                trouves.append(f"{e.id} : scénario inconnu « {s} »")
    return trouves


def markdown(enonces: list[Enonce], etats: dict[str, str]) -> str:
    """The report as a Markdown table."""
    lignes = [
        "# Couverture du guide de l'électeur",
        "",
        f"{sum(1 for e in enonces if e.scenarios)} énoncés couverts sur {len(enonces)}.",
        "",
        "| énoncé | ligne | citation | scénarios (dernier résultat) |",
        "|---|---|---|---|",
    ]
    for e in enonces:
        couverts = "<br>".join(f"{s} ({LIBELLES.get(etats.get(s))})" for s in e.scenarios)
        citation = e.citation.replace("|", "\\|")
        lignes.append(f"| {e.id} | {e.ligne} | {citation} | {couverts or '**aucun**'} |")
    return "\n".join(lignes) + "\n"


def html(enonces: list[Enonce], etats: dict[str, str]) -> str:
    """The report as a French HTML page."""
    rangs = []
    for e in enonces:
        cellules = "".join(
            f'<li class="{etats.get(s) or "inconnu"}">{escape(s)} '
            f"({LIBELLES.get(etats.get(s))})</li>"
            for s in e.scenarios
        )
        rangs.append(
            f"<tr><td>{e.id}</td><td>{e.ligne}</td><td>{escape(e.citation)}</td>"
            f"<td>{f'<ul>{cellules}</ul>' if cellules else '<strong>aucun</strong>'}</td></tr>"
        )
    couverts = sum(1 for e in enonces if e.scenarios)
    return (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
        "<title>Couverture du guide de l'électeur</title><style>"
        "body{font-family:sans-serif}td{vertical-align:top;border-top:1px solid #ccc;"
        "padding:.3rem}.failed{color:#c9191e}.passed{color:#18753c}.skipped{color:#716043}"
        "</style></head><body><h1>Couverture du guide de l'électeur</h1>"
        f"<p>{couverts} énoncés couverts sur {len(enonces)}.</p><table><thead><tr>"
        "<th>énoncé</th><th>ligne</th><th>citation</th><th>scénarios (dernier résultat)</th>"
        f"</tr></thead><tbody>{''.join(rangs)}</tbody></table></body></html>"
    )


def main(argv: list[str] | None = None) -> int:
    """Write the reports; 1 when a statement is not covered or names an unknown scenario."""
    parser = argparse.ArgumentParser(
        description="Couverture du guide de l'électeur : chaque énoncé, les scénarios qui "
        "le couvrent et leur dernier résultat ; échoue si un énoncé n'a pas de scénario."
    )
    parser.add_argument("--enonces", type=Path, default=ROOT / "features" / "guide.toml")
    parser.add_argument("--features", type=Path, default=ROOT / "features")
    parser.add_argument("--cucumber", type=Path, default=ROOT / "results" / "cucumber.json")
    parser.add_argument("--sortie", type=Path, default=ROOT / "results" / "couverture")
    args = parser.parse_args(argv)
    enonces = lire_enonces(args.enonces)
    etats = resultats(args.cucumber)
    args.sortie.mkdir(parents=True, exist_ok=True)
    (args.sortie / "couverture.md").write_text(markdown(enonces, etats), encoding="utf-8")
    (args.sortie / "couverture.html").write_text(html(enonces, etats), encoding="utf-8")
    echecs = problemes(enonces, titres_des_scenarios(args.features))
    couverts = sum(1 for e in enonces if e.scenarios)
    print(f"Couverture du guide : {couverts} énoncés couverts sur {len(enonces)} ; "
          f"rapports : {args.sortie}/couverture.html et couverture.md")  # fmt: skip
    if not etats:
        print(f"(aucun résultat lu dans {args.cucumber} : lancez make test d'abord)")
    for probleme in echecs:
        print(f"ÉCHEC : {probleme}", file=sys.stderr)
    return 1 if echecs else 0


if __name__ == "__main__":
    sys.exit(main())
