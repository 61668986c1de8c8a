"""The journey time of each persona over a run, charted: an HTML page with one SVG line
per persona (its p95 over Locust's last ten seconds, second by second) and its SLO
threshold dashed, read from Locust's `_stats_history.csv` written with
`--csv-full-history` (which also holds the rows of a distributed run's master)."""

from __future__ import annotations

import csv
from collections import defaultdict
from html import escape
from pathlib import Path

from load.seuils import PARCOURS

COULEURS = ("#000091", "#c9191e", "#18753c", "#b34000", "#6a6af4", "#716043")
LARGEUR, HAUTEUR, MARGE = 900, 360, 60


def series(historique: Path) -> dict[str, list[tuple[float, float]]]:
    """(seconds since the first row, p95 in seconds) for each journey entry."""
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    debut: float | None = None
    with historique.open(encoding="utf-8") as fichier:
        for ligne in csv.DictReader(fichier):
            instant = float(ligne["Timestamp"])
            debut = instant if debut is None else min(debut, instant)
            if ligne["Type"] != PARCOURS or ligne["95%"] in ("", "N/A", "0"):
                continue
            points[ligne["Name"]].append((instant, float(ligne["95%"]) / 1000))
    origine = debut or 0.0
    return {nom: [(t - origine, v) for t, v in pts] for nom, pts in sorted(points.items())}


def duree(secondes: float) -> str:
    """« 43 ms » under a second, « 1.2 s » above."""
    return f"{secondes * 1000:.0f} ms" if secondes < 1 else f"{secondes:.1f} s"


def page(courbes: dict[str, list[tuple[float, float]]], seuils_s: dict[str, float]) -> str:
    """The HTML page (French) with the chart, or a sentence saying there is nothing to
    chart (no journey finished)."""
    titre = "Temps de parcours par persona (p95 glissant sur dix secondes)"
    if not courbes:
        corps = "<p>Aucun parcours terminé pendant ce tir : rien à tracer.</p>"
        return _html(titre, corps)
    t_max = max(t for pts in courbes.values() for t, _ in pts) or 1.0
    # The scale is the journeys', not the thresholds': 40 ms journeys under a 90 s
    # threshold would otherwise be a flat line. A threshold off the scale is said so.
    v_max = max(v for pts in courbes.values() for _, v in pts) * 1.2 or 1.0

    def x(t: float) -> float:
        return MARGE + (LARGEUR - 2 * MARGE) * t / t_max

    def y(v: float) -> float:
        return HAUTEUR - MARGE - (HAUTEUR - 2 * MARGE) * v / v_max

    traits = [
        f'<line x1="{MARGE}" y1="{HAUTEUR - MARGE}" x2="{LARGEUR - MARGE}" '
        f'y2="{HAUTEUR - MARGE}" stroke="#333"/>',
        f'<line x1="{MARGE}" y1="{MARGE / 2}" x2="{MARGE}" y2="{HAUTEUR - MARGE}" stroke="#333"/>',
        f'<text x="{LARGEUR / 2}" y="{HAUTEUR - 15}" text-anchor="middle">secondes de tir '
        f"(0 à {t_max:.0f})</text>",
        f'<text x="{MARGE - 8}" y="{y(v_max):.0f}" text-anchor="end">{duree(v_max)}</text>',
        f'<text x="{MARGE - 8}" y="{HAUTEUR - MARGE}" text-anchor="end">0</text>',
    ]
    legende = []
    for i, (nom, pts) in enumerate(courbes.items()):
        couleur = COULEURS[i % len(COULEURS)]
        chemin = " ".join(f"{x(t):.1f},{y(v):.1f}" for t, v in pts)
        traits.append(
            f'<polyline fill="none" stroke="{couleur}" stroke-width="2" points="{chemin}"/>'
        )
        seuil = seuils_s.get(nom)
        if seuil is None:
            note = ", sans seuil"
        elif seuil <= v_max:
            traits.append(
                f'<line x1="{MARGE}" x2="{LARGEUR - MARGE}" y1="{y(seuil):.1f}" '
                f'y2="{y(seuil):.1f}" stroke="{couleur}" stroke-dasharray="6 4"/>'
            )
            note = f", seuil {seuil:g} s (pointillés)"
        else:
            note = f", seuil {seuil:g} s (au-dessus du graphique)"
        legende.append(
            f'<li><span style="color:{couleur}">■</span> {escape(nom)} : p95 le plus haut '
            f"{duree(max(v for _, v in pts))}, dernier {duree(pts[-1][1])}{note}</li>"
        )
    svg = (
        f'<svg role="img" aria-labelledby="titre" viewBox="0 0 {LARGEUR} {HAUTEUR}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" '
        f'font-size="12">{"".join(traits)}</svg>'
    )
    return _html(titre, f"{svg}<ul>{''.join(legende)}</ul>")


def _html(titre: str, corps: str) -> str:
    return (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
        f"<title>{escape(titre)}</title></head><body>"
        f'<h1 id="titre">{escape(titre)}</h1>{corps}</body></html>'
    )


def ecrire(historique: Path, sortie: Path, seuils_s: dict[str, float]) -> Path:
    """Chart the journeys of a run's history into `sortie`; return its path."""
    sortie.write_text(page(series(historique), seuils_s), encoding="utf-8")
    return sortie
