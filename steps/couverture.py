"""Guide coverage: which statement of the voter guide, and which rule of the vote
(vote-faits.md: the law, the CNIL, the verifiable-voting designs), is tested, by which
scenario, with what last result.

    make couverture
    .venv/bin/python -m steps.couverture [--enonces features/guide.toml]
        [--cucumber results/cucumber.json] [--sortie results/couverture]

Reads the statements and rules (features/guide.toml: `[[enonce]]`, `[[regle]]`), the
scenarios (features/*.feature) and, if there is one, the last run's Cucumber JSON; writes
`couverture.md` and `couverture.html`; exits 1 when a statement or a rule has no scenario
or names a scenario that does not exist.
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
    """One statement of the guide (or rule of the vote) and the scenarios said to cover it."""

    id: str
    ligne: int
    citation: str
    scenarios: tuple[str, ...]


def lire_enonces(chemin: Path, table: str = "enonce") -> list[Enonce]:
    """The statements of the data file (`regle`: the vote's rules), in its order."""
    donnees = tomllib.loads(chemin.read_text(encoding="utf-8"))
    return [
        Enonce(e["id"], int(e["ligne"]), e["citation"], tuple(e.get("scenarios", [])))
        for e in donnees.get(table, [])
    ]


def lire_regles(chemin: Path) -> list[Enonce]:
    """The rules of the vote (vote-faits.md) the data file quotes, in its order."""
    return lire_enonces(chemin, "regle")


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


REGLES = "Règles du vote (vote-faits.md : la loi, la CNIL, les protocoles vérifiables)"


def _couverts(enonces: list[Enonce]) -> int:
    return sum(1 for e in enonces if e.scenarios)


def _table_markdown(enonces: list[Enonce], etats: dict[str, str], nom: str) -> list[str]:
    lignes = [
        f"| {nom} | ligne | citation | scénarios (dernier résultat) |",
        "|---|---|---|---|",
    ]
    for e in enonces:
        couverts = "<br>".join(f"{s} ({LIBELLES.get(etats.get(s))})" for s in e.scenarios)
        citation = e.citation.replace("|", "\\|")
        lignes.append(f"| {e.id} | {e.ligne} | {citation} | {couverts or '**aucun**'} |")
    return lignes


def markdown(
    enonces: list[Enonce], etats: dict[str, str], regles: list[Enonce] | None = None
) -> str:
    """The report as Markdown: the guide's statements, then the vote's rules."""
    lignes = [
        "# Couverture du guide de l'électeur",
        "",
        f"{_couverts(enonces)} énoncés couverts sur {len(enonces)}.",
        "",
        *_table_markdown(enonces, etats, "énoncé"),
    ]
    if regles:
        lignes += [
            "",
            f"## {REGLES}",
            "",
            f"{_couverts(regles)} règles couvertes sur {len(regles)}.",
            "",
            *_table_markdown(regles, etats, "règle"),
        ]
    return "\n".join(lignes) + "\n"


def _table_html(enonces: list[Enonce], etats: dict[str, str], nom: str) -> str:
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
    return (
        f"<table><thead><tr><th>{nom}</th><th>ligne</th><th>citation</th>"
        "<th>scénarios (dernier résultat)</th></tr></thead>"
        f"<tbody>{''.join(rangs)}</tbody></table>"
    )


def html(enonces: list[Enonce], etats: dict[str, str], regles: list[Enonce] | None = None) -> str:
    """The report as a French HTML page: the guide's statements, then the vote's rules."""
    section_regles = (
        f"<h2>{escape(REGLES)}</h2><p>{_couverts(regles)} règles couvertes sur "
        f"{len(regles)}.</p>{_table_html(regles, etats, 'règle')}"
        if regles
        else ""
    )
    return (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
        "<title>Couverture du guide de l'électeur</title><style>"
        "body{font-family:sans-serif}td{vertical-align:top;border-top:1px solid #ccc;"
        "padding:.3rem}.failed{color:#c9191e}.passed{color:#18753c}.skipped{color:#716043}"
        "</style></head><body><h1>Couverture du guide de l'électeur</h1>"
        f"<p>{_couverts(enonces)} énoncés couverts sur {len(enonces)}.</p>"
        f"{_table_html(enonces, etats, 'énoncé')}{section_regles}</body></html>"
    )


def main(argv: list[str] | None = None) -> int:
    """Write the reports; 1 when a statement or a rule is not covered or names an unknown
    scenario."""
    parser = argparse.ArgumentParser(
        description="Couverture du guide de l'électeur et des règles du vote : chaque "
        "énoncé ou règle, les scénarios qui le couvrent et leur dernier résultat ; échoue "
        "si l'un d'eux n'a pas de scénario."
    )
    parser.add_argument("--enonces", type=Path, default=ROOT / "features" / "guide.toml")
    parser.add_argument("--features", type=Path, default=ROOT / "features")
    parser.add_argument("--cucumber", type=Path, default=ROOT / "results" / "cucumber.json")
    parser.add_argument("--sortie", type=Path, default=ROOT / "results" / "couverture")
    args = parser.parse_args(argv)
    enonces, regles = lire_enonces(args.enonces), lire_regles(args.enonces)
    etats = resultats(args.cucumber)
    args.sortie.mkdir(parents=True, exist_ok=True)
    (args.sortie / "couverture.md").write_text(markdown(enonces, etats, regles), encoding="utf-8")
    (args.sortie / "couverture.html").write_text(html(enonces, etats, regles), encoding="utf-8")
    echecs = problemes([*enonces, *regles], titres_des_scenarios(args.features))
    print(f"Couverture du guide : {_couverts(enonces)} énoncés couverts sur {len(enonces)}, "
          f"règles du vote : {_couverts(regles)} couvertes sur {len(regles)} ; "
          f"rapports : {args.sortie}/couverture.html et couverture.md")  # fmt: skip
    if not etats:
        print(f"(aucun résultat lu dans {args.cucumber} : lancez make test d'abord)")
    for probleme in echecs:
        print(f"ÉCHEC : {probleme}", file=sys.stderr)
    return 1 if echecs else 0


if __name__ == "__main__":
    sys.exit(main())
