"""The ops report of a run, on one screen, before the SLO verdict: per persona the
arrivals offered, started and not started, the journeys completed, abandoned, failed,
the goodput (journeys completed per second), the retries and the requests per completed
journey, the journey's p95; what the voters lived (in within 1, 5, 15 minutes, gave up,
réassort links refused); the generator's own health. It adds to the verdict the lines
that tell the portal from the generator (load/slo.py prints the sentence saying which).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from locust import events
from locust.runners import WorkerRunner

from load import arrivees, compteurs, slo
from load.seuils import PARCOURS

PART_CPU_MAX = 0.10  # the generator may run at ≥ 90 % CPU for a tenth of the run
PART_RETARD_MAX = 0.02  # and start late (no CPU to wake) 2 % of the arrivals
_debut: list[float] = []


@events.init_command_line_parser.add_listener
def ajouter_options(parser: Any) -> None:
    """Where to write the report's figures for a script (`make effondrement`)."""
    parser.add_argument_group("Bilan des électeurs").add_argument(
        "--bilan-json",
        default="",
        metavar="FICHIER",
        help="écrit aussi les comptes du bilan des électeurs dans ce fichier JSON",
    )


@events.test_start.add_listener
def noter_le_debut(environment: Any, **_kwargs: Any) -> None:
    """The run's start, for the goodput (where the verdict is given)."""
    if not isinstance(environment.runner, WorkerRunner):
        _debut[:] = [time.time()]


def _pct(n: float, sur: float) -> str:
    return f"{n / sur:.0%}" if sur else "—"


def _p95(environment: Any, persona: str) -> str:
    entree = environment.stats.entries.get((f"parcours: {persona}", PARCOURS))
    if entree is None or entree.num_requests == 0:
        return "—"
    return f"{entree.get_response_time_percentile(0.95) / 1000:.1f} s"


def tableau(environment: Any, registre: compteurs.Registre, duree_s: float) -> str:
    """The per-persona table, with a total row."""
    titres = (
        "persona", "offertes", "parties", "non parties", "finies", "abandons", "échecs",
        "en vol", "finies/s", "relances", "req./finie", "p95 parcours",
    )  # fmt: skip
    lignes = [titres]
    personas = sorted(registre.par_persona)
    for nom in [*personas, "total"]:
        if nom == "total":
            c = {champ: registre.total(champ) for champ in compteurs.CHAMPS}
        else:
            c = registre.par_persona[nom]
        finies = c["terminees"]
        lignes.append(
            (
                nom,
                str(c["offertes"]),
                str(c["demarrees"]),
                str(c["offertes"] - c["demarrees"]),
                str(finies),
                str(c["abandons"]),
                str(c["echecs"]),
                str(max(0, c["en_cours"])),
                f"{finies / duree_s:.2f}" if duree_s else "—",
                str(c["relances"]),
                f"{c['requetes'] / finies:.1f}" if finies else "—",
                _p95(environment, nom) if nom != "total" else "",
            )
        )
    largeurs = [max(len(ligne[i]) for ligne in lignes) for i in range(len(titres))]
    return "\n".join(
        "  ".join(
            cellule.ljust(largeurs[i]) if i == 0 else cellule.rjust(largeurs[i])
            for i, cellule in enumerate(ligne)
        )
        for ligne in lignes
    )


def vecu(registre: compteurs.Registre, echelle: float) -> str:
    """What the voters lived, as shares of the arrivals offered."""
    offertes = registre.total("offertes")
    minutes = "minutes de la forme" if echelle == 1 else f"minutes de la forme, ÷ {echelle:g}"
    entrees = " / ".join(
        f"{m} min {_pct(registre.total(f'entrees_{m}'), offertes)}" for m in (1, 5, 15)
    )
    return (
        f"Électeurs entrés ({minutes}) : {entrees} des {offertes} arrivées ; "
        f"ont abandonné : {_pct(registre.total('abandons'), offertes)} ; "
        f"liens de réassort refusés à l'ouverture (périmés ou remplacés) : "
        f"{registre.total('liens_refuses')}."
    )


def rapport(environment: Any, lignes: list[slo.Ligne]) -> tuple[str, list[slo.Ligne]]:
    """The ops report's text, and the verdict's lines about arrivals and generator."""
    registre = compteurs.du_tir(environment)
    options = environment.parsed_options
    duree_s = time.time() - _debut[0] if _debut else 0.0
    ouvertes = arrivees.ouvertes(environment)
    g = registre.generateur
    mode = (
        f"arrivées ouvertes ({'Poisson' if options.loi == 'poisson' else 'régulières'})"
        if ouvertes
        else "arrivées fermées (un électeur par utilisateur à la fois)"
    )
    impatience = "électeurs impatients" if options.impatience else "électeurs patients"
    runner = environment.runner
    alerte_locust = bool(
        getattr(runner, "cpu_warning_emitted", False)
        or getattr(runner, "worker_cpu_warning_emitted", False)
    )
    generateur = (
        f"Générateur : processeur ≥ {compteurs.SEUIL_CPU:.0f} % pendant {g['cpu_satures']} s "
        f"sur {g['cpu_mesures']} mesurées"
        + (" (Locust l'a signalé)" if alerte_locust else "")
        + f" ; retard au départ max {g['retard_max_ms']} ms"
        + (
            f" ; pool {g['pool_maximal']} utilisateurs (plafond {options.pool_max}"
            + (", atteint" if g["pool_borne_atteinte"] else "")
            + ")"
            if ouvertes
            else ""
        )
        + (
            f" ; bulletins : {g['bulletins_reserve']} construits d'avance, "
            f"{g['bulletins_construits']} pendant le tir"
            if g["bulletins_reserve"] or g["bulletins_construits"]
            else ""
        )
        + "."
    )
    if options.bilan_json:
        donnees = {"duree_s": duree_s, "ouvertes": ouvertes, **registre.instantane()}
        Path(options.bilan_json).write_text(json.dumps(donnees, indent=1), encoding="utf-8")
    texte = (
        f"\nBilan des électeurs — {mode}, {impatience}, {duree_s:.0f} s de tir\n"
        + tableau(environment, registre, duree_s)
        + "\n"
        + vecu(registre, options.echelle_temps)
        + "\n"
        + generateur
        + "\n"
    )
    return texte, lignes_du_verdict(registre, lignes, ouvertes, bool(options.impatience))


def lignes_du_verdict(
    registre: compteurs.Registre, lignes: list[slo.Ligne], ouvertes: bool, impatience: bool
) -> list[slo.Ligne]:
    """Generator CPU, arrivals not started (blamed on the portal when it missed its own
    thresholds: its slow journeys held the places; else on the pool's bound) and
    abandons."""
    g = registre.generateur
    mesures = g["cpu_mesures"]
    ajout = [
        slo.Ligne(
            "générateur : processeur ≥ 90 %",
            f"{g['cpu_satures']} s / {mesures}",
            f"≤ {PART_CPU_MAX:.0%} du tir",
            g["cpu_satures"] <= PART_CPU_MAX * mesures,
            cause="générateur",
        )
    ]
    offertes = registre.total("offertes")
    if ouvertes:
        en_retard = registre.total("perdues_generateur")
        ajout.append(
            slo.Ligne(
                "générateur : arrivées parties trop tard",
                f"{en_retard} ({_pct(en_retard, offertes)})",
                f"≤ {PART_RETARD_MAX:.1%}",
                en_retard <= PART_RETARD_MAX * offertes,
                cause="générateur",
            )
        )
        faute_de_place = offertes - registre.total("demarrees") - en_retard
        portail_manque = any(not ligne.tenu for ligne in lignes)
        ajout.append(
            slo.Ligne(
                "arrivées non parties faute de place",
                f"{faute_de_place} ({_pct(faute_de_place, offertes)})",
                "0",
                faute_de_place == 0,
                cause="portail" if portail_manque else "générateur",
            )
        )
    if impatience:
        abandons = registre.total("abandons")
        ajout.append(
            slo.Ligne(
                "électeurs partis (abandons)",
                f"{abandons} ({_pct(abandons, offertes)})",
                "0",
                abandons == 0,
            )
        )
    return ajout


# Printed where the verdict is given (load/slo.py skips the workers).
slo.COMPLEMENTS.append(rapport)
