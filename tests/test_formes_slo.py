"""Load shapes and the SLO verdict, computed without running Locust."""

from __future__ import annotations

import logging
from argparse import Namespace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from locust.stats import RequestStats

from load.formes_de_charge import Journee, Ouverture, Palier, SansBruitDeForme
from load.rapport_parcours import page, series
from load.slo import PARCOURS, Seuils, seuils, verdict


def _options(**overrides: Any) -> Namespace:
    values: dict[str, Any] = {
        "electorat": 1_100_000,
        "participation": 0.40,
        "part_ouverture": 0.25,
        "facteur": 1.0,
        "echelle_temps": 1.0,
        "parcours_s": 20.0,
    }
    values.update(overrides)
    return Namespace(**values)


def _shape(cls: Any, **options: Any) -> Any:
    shape = cls()
    shape.runner = SimpleNamespace(environment=SimpleNamespace(parsed_options=_options(**options)))
    return shape


def test_opening_peak_is_about_sixty_arrivals_per_second_at_full_scale() -> None:
    """1.1 M × 40 % × 25 % in the first half hour ≈ 61 arrivals per second."""
    shape = _shape(Ouverture)
    assert shape.pic() == pytest.approx(61.1, abs=0.1)
    assert shape.taux(0) == 0
    assert shape.taux(150) == pytest.approx(shape.pic() / 2)
    assert shape.taux(1000) == pytest.approx(shape.pic())
    assert shape.pic() * 0.2 < shape.taux(3000) < shape.pic()


def test_factor_and_time_scale_shrink_and_speed_up_the_shape() -> None:
    """--facteur scales the users; --echelle-temps plays the hour faster, then stops."""
    shape = _shape(Ouverture, facteur=0.1, echelle_temps=60)
    shape.get_run_time = lambda: 20.0  # 20 s × 60 = 20 minutes into the shape: plateau
    users, rate = shape.tick()
    assert users == pytest.approx(61.1 * 0.1 * 20, abs=1)
    assert rate >= 1
    shape.get_run_time = lambda: 61.0  # past the hour
    assert shape.tick() is None


def test_step_and_steady_shapes() -> None:
    """Palier climbs 5 arrivals/s every two minutes; Journee is flat."""
    palier = _shape(Palier)
    assert [palier.taux(t) for t in (0, 119, 120, 600)] == [5, 5, 10, 30]
    journee = _shape(Journee)
    assert journee.taux(0) == journee.taux(3000) == pytest.approx(440_000 / 288_000)


def test_verdict_flags_slow_screens_errors_and_late_mails() -> None:
    """Each threshold is judged on its own row."""
    stats = RequestStats()
    for ms in (100,) * 19 + (2000,):
        stats.log_request("POST", "mot de passe: envoi", ms, 0)
    stats.log_request("GET", "accueil", 5, 0)
    stats.log_error("GET", "accueil", "boum")
    stats.log_request("MAIL", "délai du mail de réassort", 90_000, 0)
    lignes = {
        ligne.quoi: ligne
        for ligne in verdict(stats, Seuils(p95_ms=1000, erreurs=0.01, mail_p95_s=60))
    }
    assert not lignes["POST mot de passe: envoi (p95)"].tenu
    assert lignes["GET accueil (p95)"].tenu
    assert not lignes["mail : délai du mail de réassort (p95)"].tenu
    assert not lignes["part d'erreurs"].tenu
    assert all(
        ligne.tenu for ligne in verdict(stats, Seuils(p95_ms=3000, erreurs=0.5, mail_p95_s=100))
    )


def test_locust_lines_for_each_user_count_change_are_dropped_and_others_kept() -> None:
    """A shape changes its user count nearly every second: those lines go, others stay."""

    def record(message: str) -> logging.LogRecord:
        return logging.LogRecord("locust.runners", logging.INFO, "", 0, message, (), None)

    bruit = SansBruitDeForme()
    assert not bruit.filter(record("Shape test updating to 41 users at 8.20 spawn rate"))
    assert not bruit.filter(record("Ramping to 41 users at a rate of 8.20 per second"))
    assert not bruit.filter(record('All users spawned: {"ElecteurActif": 17} (41 total users)'))
    assert bruit.filter(record("Shape test stopping"))
    assert any(isinstance(f, SansBruitDeForme) for f in logging.getLogger("locust.runners").filters)


def test_every_vote_screen_has_a_threshold_and_the_command_line_only_loosens_them() -> None:
    """pyproject.toml names each screen of the vote; `--slo-p95-ms` above a screen's own
    threshold raises it (a slow machine), below it leaves it (a screen's own is a floor)."""
    base = seuils(None)
    for ecran in ("vote: code", "vote: code envoi", "vote: listes", "vote: choix", "vote: JE VOTE"):
        assert ecran in base.par_ecran, ecran
    large = seuils(Namespace(slo_p95_ms=5000.0, slo_erreurs=None, slo_mail_p95_s=None))
    assert set(large.par_ecran.values()) == {5000.0}
    sans = seuils(Namespace(slo_p95_ms=None, slo_erreurs=None, slo_mail_p95_s=None))
    assert sans.par_ecran == base.par_ecran and base.par_ecran["vote: listes"] < base.p95_ms
    strict = seuils(Namespace(slo_p95_ms=200.0, slo_erreurs=None, slo_mail_p95_s=None))
    assert strict.par_ecran == base.par_ecran and strict.p95_ms == 200.0


def test_a_journey_is_judged_against_its_personas_threshold() -> None:
    """A PARCOURS entry has its own row, in seconds, against the persona's threshold; a
    journey without a threshold is flagged rather than passed in silence."""
    stats = RequestStats()
    for ms in (3000,) * 19 + (12_000,):
        stats.log_request(PARCOURS, "parcours: Votant", ms, 0)
    stats.log_request(PARCOURS, "parcours: Inconnu", 1000, 0)
    limites = Seuils(parcours_s={"parcours: Votant": 10})
    lignes = {ligne.quoi: ligne for ligne in verdict(stats, limites)}
    assert not lignes["parcours: Votant (p95)"].tenu
    assert lignes["parcours: Votant (p95)"].seuil == "≤ 10 s"
    assert not lignes["parcours: Inconnu (p95)"].tenu
    large = Seuils(parcours_s={"parcours: Votant": 15, "parcours: Inconnu": 5})
    assert all(ligne.tenu for ligne in verdict(stats, large))
    # pyproject.toml gives every persona of the profiles a journey threshold.
    for persona in ("Votant", "ElecteurActif", "Maladroit", "PremiereConnexion", "SansActivation"):
        assert f"parcours: {persona}" in seuils(None).parcours_s


def test_the_journey_chart_draws_each_persona_and_its_threshold(tmp_path: Path) -> None:
    """From Locust's full history: one line per persona, its threshold dashed, in French."""
    historique = tmp_path / "h_stats_history.csv"
    colonnes = "Timestamp,User Count,Type,Name,95%"
    lignes = [colonnes]
    for t in range(5):
        lignes += [
            f"{1000 + t},10,PARCOURS,parcours: Votant,{2000 + 100 * t}",
            f"{1000 + t},10,PARCOURS,parcours: PremiereConnexion,{30000}",
            f"{1000 + t},10,POST,vote: JE VOTE,{5}",
        ]
    historique.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    courbes = series(historique)
    assert set(courbes) == {"parcours: Votant", "parcours: PremiereConnexion"}
    assert courbes["parcours: Votant"][-1] == (4.0, 2.4)
    html = page(courbes, {"parcours: Votant": 3, "parcours: PremiereConnexion": 90})
    assert html.count("<polyline") == 2 and html.count('stroke-dasharray="6 4"') == 1
    assert 'lang="fr"' in html and "seuil 3 s (pointillés)" in html
    assert "seuil 90 s (au-dessus du graphique)" in html and "2.4 s" in html
    assert "rien à tracer" in page({}, {})
