"""Guide coverage (`make couverture`): every statement of the guide has a scenario that
exists; a statement left bare, or a scenario misnamed, fails the report."""

from __future__ import annotations

import json
from pathlib import Path

from steps.couverture import (
    ROOT,
    lire_enonces,
    lire_regles,
    main,
    problemes,
    titres_des_scenarios,
)

GUIDE = ROOT / "features" / "guide.toml"


def test_every_statement_of_the_guide_names_existing_scenarios(tmp_path: Path) -> None:
    """The project's own data: no statement without scenario, no unknown title, and
    each statement quoted with its line."""
    enonces = lire_enonces(GUIDE)
    assert len(enonces) >= 40 and len({e.id for e in enonces}) == len(enonces)
    assert not problemes(enonces, titres_des_scenarios(ROOT / "features"))
    assert main(["--sortie", str(tmp_path), "--cucumber", str(tmp_path / "absent.json")]) == 0
    assert "41 énoncés couverts sur 41" in (tmp_path / "couverture.md").read_text()


def test_a_bare_statement_or_an_unknown_scenario_fails(tmp_path: Path) -> None:
    """A statement without scenario, or naming one that does not exist: status 1."""
    donnees = tmp_path / "guide.toml"
    donnees.write_text(
        '[[enonce]]\nid = "X1"\nligne = 1\ncitation = "nu"\nscenarios = []\n'
        '[[enonce]]\nid = "X2"\nligne = 2\ncitation = "mal nommé"\n'
        'scenarios = ["Un scénario qui n\'existe pas"]\n',
        encoding="utf-8",
    )
    assert main(["--enonces", str(donnees), "--sortie", str(tmp_path)]) == 1
    assert "**aucun**" in (tmp_path / "couverture.md").read_text()


def test_the_vote_s_rules_name_existing_scenarios(tmp_path: Path) -> None:
    """The rules of the vote (vote-faits.md) quoted in the same file: each has a scenario
    that exists, and the report gives them a table of their own."""
    regles = lire_regles(GUIDE)
    assert len(regles) >= 7 and len({r.id for r in regles}) == len(regles)
    assert not problemes(regles, titres_des_scenarios(ROOT / "features"))
    assert main(["--sortie", str(tmp_path), "--cucumber", str(tmp_path / "absent.json")]) == 0
    rapport = (tmp_path / "couverture.md").read_text()
    assert f"{len(regles)} règles couvertes sur {len(regles)}" in rapport
    assert "L'empreinte de l'accusé figure au tableau public" in rapport


def test_a_rule_without_scenario_fails(tmp_path: Path) -> None:
    """A rule left bare, or naming an unknown scenario, fails the report as a statement does."""
    donnees = tmp_path / "guide.toml"
    donnees.write_text(
        '[[enonce]]\nid = "X1"\nligne = 1\ncitation = "couvert"\n'
        'scenarios = ["Le vérificateur accepte l\'élection"]\n'
        '[[regle]]\nid = "V9"\nligne = 9\ncitation = "nue"\nscenarios = []\n',
        encoding="utf-8",
    )
    assert main(["--enonces", str(donnees), "--sortie", str(tmp_path)]) == 1
    assert "0 règles couvertes sur 1" in (tmp_path / "couverture.md").read_text()


def test_the_report_gives_each_scenarios_last_result(tmp_path: Path) -> None:
    """From the Cucumber JSON: a scenario failed in one outline row is reported failed."""
    cucumber = tmp_path / "cucumber.json"
    titre = "Un mot de passe qui enfreint une règle est refusé avec son message"
    lignes = [
        {"name": titre, "steps": [{"result": {"status": "passed"}}]},
        {"name": titre, "steps": [{"result": {"status": "failed"}}]},
    ]
    cucumber.write_text(json.dumps([{"elements": lignes}]), encoding="utf-8")
    main(["--cucumber", str(cucumber), "--sortie", str(tmp_path)])
    rapport = (tmp_path / "couverture.html").read_text()
    assert f"{titre} (en échec)" in rapport and 'lang="fr"' in rapport
