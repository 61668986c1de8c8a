"""Open arrivals, impatient voters and the ops report, run as real Locust processes
against reference portals whose mail side is made slow on purpose (the sink's delay)."""

from __future__ import annotations

import csv
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from fixtures.arguments import duree_s
from fixtures.generateur import OptionsListe, ecrire_fichier_liste
from harnais.courrier import Mailbox
from load import slo
from load.arrivees import Horaire
from load.bilan import lignes_du_verdict
from load.compteurs import Registre
from load.lancement import locust_command, locust_env, portail_de_charge, reserve_pour
from load.rapport_effondrement import Palier, effondrement
from simulator.commandes.process import PortalProcess

ROOT = Path(__file__).resolve().parent.parent
# Latency is not what these tests check: loose thresholds keep a busy machine from
# failing them.
LACHE = ("--slo-p95-ms", "5000")


def _debit(
    portal: PortalProcess, out: Path, debit: float, secondes: int, *extra: str
) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    """A run of `load/debit.py` at `debit` arrivals a second, regular, for `secondes`;
    its output and the ops report's figures."""
    bilan = out / "bilan.json"
    command = locust_command(
        "debit",
        portal.url,
        portal.mail_api_url,
        "--debit",
        str(debit),
        "--loi",
        "reguliere",
        "--run-time",
        f"{secondes}s",
        "--bilan-json",
        str(bilan),
        "--csv",
        str(out / "r"),
        *LACHE,
        *extra,
    )
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=180, cwd=ROOT, env=locust_env()
    )
    assert bilan.exists(), result.stdout[-3000:] + result.stderr[-3000:]
    return result, json.loads(bilan.read_text(encoding="utf-8"))


def _total(bilan: dict[str, Any], champ: str, *personas: str) -> int:
    return sum(
        c.get(champ, 0) for p, c in bilan["par_persona"].items() if not personas or p in personas
    )


def _mails_en_retard(portal: PortalProcess, secondes: float) -> None:
    box = Mailbox(portal.mail_api_url)
    box.set_chaos(retard_s=secondes).raise_for_status()
    box.close()


REASSORT = ("PremiereConnexion", "SansActivation")


@pytest.mark.charge
def test_arrivals_start_on_time_while_journeys_are_slow(tmp_path: Path) -> None:
    """Mails held 6 s in the sink make every first connection last over 6 s; arrivals
    still come at the rate asked (5 a second, regular, 10 s: 50) and all of them start
    within 3 s of their time (a shared machine may delay a wake-up, never by a journey):
    several slow journeys of one persona are in flight together."""
    with portail_de_charge(tmp_path / "p.sqlite3") as portal:
        _mails_en_retard(portal, 6)
        result, bilan = _debit(portal, tmp_path, 5, 10, "--retard-max-ms", "3000")
    sortie = result.stdout + result.stderr
    offertes = _total(bilan, "offertes")
    assert 40 <= offertes <= 55, sortie[-3000:]
    assert _total(bilan, "demarrees") == offertes, bilan
    assert _total(bilan, "perdues_pool") == _total(bilan, "perdues_generateur") == 0
    assert bilan["generateur"]["retard_max_ms"] < 3000, bilan
    # One user per persona, waiting for its journey's end, would have let in one
    # first connection every 6 s or more: at most two in 10 s.
    assert _total(bilan, "demarrees", *REASSORT) >= 5, bilan
    assert "Bilan des électeurs — arrivées ouvertes" in result.stdout, sortie[-3000:]
    assert re.search(r"arrivées non parties faute de place\s+0 \(0%\)\s+0\s+tenu", result.stdout)


@pytest.mark.charge
def test_a_tiny_pool_counts_arrivals_not_started(tmp_path: Path) -> None:
    """Two places for 5 arrivals a second of journeys lasting over 3 s: arrivals are
    offered but not started, counted as such, and the verdict misses that line; who is
    blamed is the portal if it missed a threshold of its own, else the generator."""
    with portail_de_charge(tmp_path / "p.sqlite3") as portal:
        _mails_en_retard(portal, 3)
        result, bilan = _debit(portal, tmp_path, 5, 8, "--pool-max", "2")
    sortie = result.stdout + result.stderr
    offertes = _total(bilan, "offertes")
    assert offertes >= 30, bilan
    assert offertes - _total(bilan, "demarrees") >= 10, bilan
    assert re.search(r"arrivées non parties faute de place\s+\d+ \(\d+%\)\s+0\s+MANQUÉ", sortie)
    verdict = result.stdout[result.stdout.index("Verdict SLO") :]
    portail_manque = any(
        ligne.endswith("MANQUÉ") and not re.match(r"(générateur|arrivées non parties)", ligne)
        for ligne in verdict.splitlines()
    )
    if portail_manque:
        assert "Le portail n'a pas tenu" in verdict and result.returncode == 1, verdict
    else:
        assert "TIR NON CONCLUANT" in verdict and result.returncode == 3, verdict


def test_places_missing_blame_the_portal_only_when_it_missed_its_own_thresholds() -> None:
    """Arrivals not started for want of places: the generator's fault (its pool bound)
    when the portal held; the portal's when its slow journeys held the places. A
    saturated generator CPU is always the generator's, and makes the status 3."""
    registre = Registre()
    registre.ajouter("Votant", "offertes", 100)
    registre.ajouter("Votant", "demarrees", 90)
    registre.generateur["cpu_mesures"] = 60
    tenue = [slo.Ligne("GET accueil (p95)", "10 ms", "≤ 1000 ms", True)]
    manquee = [slo.Ligne("GET accueil (p95)", "3000 ms", "≤ 1000 ms", False)]

    def places(lignes: list[slo.Ligne]) -> slo.Ligne:
        ajout = lignes_du_verdict(registre, lignes, ouvertes=True, impatience=False)
        return next(ligne for ligne in ajout if ligne.quoi.startswith("arrivées non"))

    assert not places(tenue).tenu and places(tenue).cause == "générateur"
    assert places(manquee).cause == "portail"
    assert slo.statut([*manquee, places(manquee)]) == 1
    assert "Le portail n'a pas tenu" in slo.conclusion([*manquee, places(manquee)])
    registre.generateur["cpu_satures"] = 30
    cpu = lignes_du_verdict(registre, manquee, ouvertes=True, impatience=False)[0]
    assert not cpu.tenu and slo.statut([*manquee, cpu]) == 3
    assert "TIR NON CONCLUANT" in slo.conclusion([*manquee, cpu])


@pytest.mark.charge
def test_links_that_expire_before_the_mail_comes_are_counted(tmp_path: Path) -> None:
    """2022 in miniature: links valid 1 s, mails held 2 s; every first connection finds
    its link refused, and patient voters make no retry."""
    with portail_de_charge(tmp_path / "p.sqlite3", options_portail=("--lien-duree", "1s")) as p:
        _mails_en_retard(p, 2)
        result, bilan = _debit(p, tmp_path, 4, 8, "--no-impatience")
    reassorts = _total(bilan, "demarrees", *REASSORT)
    assert reassorts >= 3, bilan
    assert _total(bilan, "liens_refuses") >= reassorts - 2, bilan  # the last may be in flight
    assert _total(bilan, "terminees", *REASSORT) == 0, bilan
    assert _total(bilan, "relances") == 0, bilan
    assert "liens de réassort refusés à l'ouverture" in result.stdout


@pytest.mark.charge
def test_impatient_voters_ask_again_for_a_late_mail(tmp_path: Path) -> None:
    """Impatient voters who give the mail 1 s ask again when it takes 3: retries are
    counted apart, and the first mail, now replaced, is refused when followed."""
    with portail_de_charge(tmp_path / "p.sqlite3") as portal:
        _mails_en_retard(portal, 3)
        result, bilan = _debit(
            portal,
            tmp_path,
            4,
            10,
            "--impatience",
            "--impatience-mail-s",
            "1",
            "--impatience-reflexion-s",
            "0",
        )
    assert _total(bilan, "relances", *REASSORT) >= 2, bilan
    assert _total(bilan, "liens_refuses") >= 1, bilan
    assert "électeurs impatients" in result.stdout
    assert "électeurs partis (abandons)" in result.stdout


def test_a_poisson_clock_gives_the_rate_and_a_regular_one_exactly() -> None:
    """Arrivals drawn from the rate: about rate × duration with Poisson, exactly with the
    regular law; none before the rate starts, none past the end."""
    reguliere = Horaire(lambda s: 0.0 if s < 1 else 4.0, 11.1, 100.0, poisson=False)
    assert reguliere.avancer(1000.0) == 40
    assert reguliere.dues[0] == pytest.approx(101.25)
    premiere, deja_due = reguliere.prendre()
    assert premiere == pytest.approx(101.25) and deja_due
    poisson = Horaire(lambda s: 50.0, 20.0, 0.0, poisson=True)
    assert 900 <= poisson.avancer(20.0) <= 1100
    assert poisson.prendre()[0] is not None and poisson.avancer(10**6) == 0


def test_link_lifetimes_are_minutes_or_seconds() -> None:
    """`--lien-duree 30` is 30 minutes, `120s` and `120 s` are 120 seconds."""
    assert duree_s("30") == 1800
    assert duree_s("120s") == duree_s("120 s") == 120


def test_the_collapse_is_where_goodput_stops_following_the_offered_load() -> None:
    """The first step whose goodput falls under 90 % of the offered rate."""

    def p(offert: float, finies: float) -> Palier:
        return Palier("patients", offert, offert, finies, 1.0, 0.0, 15.0, 0)

    assert effondrement([p(40, 39.5), p(120, 70), p(80, 78)]) == 120
    assert effondrement([p(40, 39.5)]) is None


@pytest.mark.charge
def test_the_votant_persona_casts_ballots_built_ahead(tmp_path: Path) -> None:
    """With `--reserve-bulletins`, the Votant persona casts the ballots built before the
    run: the portal accepts them (no failure on « JE VOTE »), and the report says how
    many came from the reserve and that none had to be built during the run."""
    roll = tmp_path / "liste.csv"
    ecrire_fichier_liste(OptionsListe(count=300, seed=5, actif_share=1.0), roll)
    with portail_de_charge(tmp_path / "p.sqlite3", roll, "secret-reserve") as portal:
        reserve = reserve_pour(
            portal.url, roll, "secret-reserve", tmp_path / "reserve.jsonl", 4 * 6
        )
        result, bilan = _debit(
            portal,
            tmp_path,
            4,
            6,
            "--no-impatience",
            *reserve,
            "--liste",
            str(roll),
            "--secret-liste",
            "secret-reserve",
        )
    sortie = result.stdout + result.stderr
    generateur = bilan["generateur"]
    assert generateur.get("bulletins_reserve", 0) > 0, sortie[-3000:]
    assert generateur.get("bulletins_construits", 0) == 0, sortie[-3000:]
    assert re.search(r"bulletins : \d+ construits d'avance, 0 pendant le tir", result.stdout)
    with (tmp_path / "r_stats.csv").open(encoding="utf-8") as handle:
        votes = [r for r in csv.DictReader(handle) if r["Name"] == "vote: JE VOTE"]
    assert votes and int(votes[0]["Failure Count"]) == 0, sortie[-3000:]
