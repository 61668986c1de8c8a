"""The verdict of a run against the tiers portal: known failures reported, surprises fail."""

from __future__ import annotations

from pathlib import Path

from tests.portail_tiers.constats import ecarts_connus, juger

JUNIT = """<testsuites><testsuite>
<testcase name="test_passe"/>
<testcase name="test_connu_harnais"><failure message="TimeoutError: Identifiant"/></testcase>
<testcase name="test_connu_portail"><error message="absent de ce portail"/></testcase>
<testcase name="test_nouveau"><failure message="AssertionError: autre chose"/></testcase>
<testcase name="test_gueri"/>
<testcase name="test_ignore"><skipped message="@crochets"/></testcase>
</testsuite></testsuites>"""

CONSTATS = """# Constats
| scénario | cause | pourquoi |
|---|---|---|
| `test_connu_harnais` | harnais | le `*` |
| `test_connu_portail` | portail | pas de CAPTCHA sonore |
| `test_gueri` | harnais | réparé depuis |
| `charge` | harnais | le tir échoue |
"""


def test_chaque_scenario_est_range_selon_les_constats(tmp_path: Path) -> None:
    """Known failures by cause, a new failure and a healed one make the run unhealthy."""
    (tmp_path / "junit.xml").write_text(JUNIT, encoding="utf-8")
    (tmp_path / "CONSTATS.md").write_text(CONSTATS, encoding="utf-8")
    connus = ecarts_connus(tmp_path / "CONSTATS.md")
    assert connus["charge"] == "harnais"
    bilan = juger(tmp_path / "junit.xml", connus)
    assert bilan.reussis == ["test_passe"]
    assert bilan.connus == {"harnais": ["test_connu_harnais"], "portail": ["test_connu_portail"]}
    assert bilan.nouveaux == [("test_nouveau", "AssertionError: autre chose")]
    assert bilan.gueris == ["test_gueri"]
    assert bilan.ignores == [("test_ignore", "@crochets")]
    assert not bilan.sain
    assert bilan.lignes()[-1].startswith("Portail tiers : 4 exécutés, 1 réussis")


def test_sans_surprise_la_passe_est_saine(tmp_path: Path) -> None:
    """Only listed failures and unlisted passes: healthy."""
    (tmp_path / "junit.xml").write_text(
        '<testsuite><testcase name="test_a"/><testcase name="test_b">'
        '<failure message="x"/></testcase></testsuite>',
        encoding="utf-8",
    )
    assert juger(tmp_path / "junit.xml", {"test_b": "portail"}).sain


def test_les_scenarios_sont_nommes_par_leur_titre(tmp_path: Path) -> None:
    """A scenario's title (the JUnit property the harness writes) names it in the report,
    apostrophes kept, with its test id beside it where CONSTATS.md needs it."""
    titre = '<properties><property name="titre_du_scenario" value="{}"/></properties>'
    (tmp_path / "junit.xml").write_text(
        "<testsuite>"
        '<testcase name="test_lélecteur_vote">'
        + titre.format("L'électeur vote")
        + '<failure message="x"/></testcase><testcase name="test_laide">'
        + titre.format("La page d'aide")
        + '<skipped message="@reference"/></testcase></testsuite>',
        encoding="utf-8",
    )
    bilan = juger(tmp_path / "junit.xml", {"test_lélecteur_vote": "portail"})
    assert bilan.connus["portail"] == ["L'électeur vote (`test_lélecteur_vote`)"]
    assert bilan.ignores == [("La page d'aide", "@reference")]
