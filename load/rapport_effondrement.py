"""The collapse chart of `make effondrement`: goodput, journey p95 and retries against the
offered arrival rate, patient and impatient voters side by side, as one self-contained
HTML page of three SVG panels (the style of load/rapport_parcours.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path

COULEURS = {"patients": "#000091", "impatients": "#c9191e"}
LARGEUR, HAUTEUR, MARGE = 900, 260, 60


@dataclass(frozen=True)
class Palier:
    """One step of the search: the rate offered and what came of it."""

    mode: str  # « patients » or « impatients »
    offert_s: float  # arrivals a second the schedule offered
    parties_s: float  # arrivals a second that started
    goodput_s: float  # journeys completed a second
    p95_s: float  # p95 of the voters' journey (Votant), seconds
    relances_par_parcours: float  # retries per completed journey
    requetes_par_parcours: float  # requests per completed journey
    statut: int  # the run's exit status (0 held, 1 portal, 3 generator)


def effondrement(paliers: list[Palier], part: float = 0.9) -> float | None:
    """The first rate offered whose goodput falls under `part` of it: where goodput
    stops following the offered load; None if it always follows."""
    for palier in sorted(paliers, key=lambda p: p.offert_s):
        if palier.goodput_s < part * palier.offert_s:
            return palier.offert_s
    return None


def _panneau(
    titre: str,
    paliers: list[Palier],
    valeur: Callable[[Palier], float],
    unite: str,
    diagonale: bool = False,
) -> str:
    x_max = max(p.offert_s for p in paliers) * 1.05 or 1.0
    y_max = max(max(valeur(p) for p in paliers), x_max if diagonale else 0.0) * 1.15 or 1.0

    def x(v: float) -> float:
        return MARGE + (LARGEUR - 2 * MARGE) * v / x_max

    def y(v: float) -> float:
        return HAUTEUR - MARGE - (HAUTEUR - 2 * MARGE) * v / y_max

    traits = [
        f'<line x1="{MARGE}" y1="{HAUTEUR - MARGE}" x2="{LARGEUR - MARGE}" '
        f'y2="{HAUTEUR - MARGE}" stroke="#333"/>',
        f'<line x1="{MARGE}" y1="{MARGE / 2}" x2="{MARGE}" y2="{HAUTEUR - MARGE}" stroke="#333"/>',
        f'<text x="{LARGEUR / 2}" y="{HAUTEUR - 20}" text-anchor="middle">arrivées offertes '
        f"par seconde (0 à {x_max:.0f})</text>",
        f'<text x="{MARGE - 8}" y="{y(y_max):.0f}" text-anchor="end">{y_max:.3g}</text>',
        f'<text x="{MARGE - 8}" y="{HAUTEUR - MARGE}" text-anchor="end">0</text>',
        f'<text x="{MARGE}" y="{MARGE / 2 - 8}">{escape(titre)} ({escape(unite)})</text>',
    ]
    if diagonale:
        traits.append(
            f'<line x1="{x(0):.1f}" y1="{y(0):.1f}" x2="{x(x_max):.1f}" y2="{y(x_max):.1f}" '
            'stroke="#999" stroke-dasharray="6 4"/>'
        )
    for mode, couleur in COULEURS.items():
        points = sorted((p for p in paliers if p.mode == mode), key=lambda p: p.offert_s)
        if not points:
            continue
        chemin = " ".join(f"{x(p.offert_s):.1f},{y(valeur(p)):.1f}" for p in points)
        traits.append(
            f'<polyline fill="none" stroke="{couleur}" stroke-width="2" points="{chemin}"/>'
        )
        for p in points:
            traits.append(
                f'<circle cx="{x(p.offert_s):.1f}" cy="{y(valeur(p)):.1f}" r="3" '
                f'fill="{couleur}"><title>{mode} : {p.offert_s:.1f}/s offertes, '
                f"{valeur(p):.3g} {escape(unite)}</title></circle>"
            )
    return (
        f'<svg role="img" aria-label="{escape(titre)}" viewBox="0 0 {LARGEUR} {HAUTEUR}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" '
        f'font-size="12">{"".join(traits)}</svg>'
    )


def page(paliers: list[Palier], contexte: str) -> str:
    """The HTML page: a sentence per mode on the collapse point, three panels, the table."""
    titre = "Point d'effondrement du portail de référence"
    if not paliers:
        return _html(titre, "<p>Aucun palier mesuré : rien à tracer.</p>")
    phrases = []
    for mode in COULEURS:
        du_mode = [p for p in paliers if p.mode == mode]
        if not du_mode:
            continue
        point = effondrement(du_mode)
        phrases.append(
            f"<li>électeurs {mode} : "
            + (
                f"le goodput décroche (sous 90 % de l'offert) à {point:.0f} arrivées/s"
                if point is not None
                else "le goodput suit l'offert à tous les paliers"
            )
            + "</li>"
        )
    legende = " ".join(
        f'<span style="color:{c}">■</span> électeurs {m}' for m, c in COULEURS.items()
    )
    lignes = "".join(
        f"<tr><td>{p.mode}</td><td>{p.offert_s:.1f}</td><td>{p.parties_s:.1f}</td>"
        f"<td>{p.goodput_s:.1f}</td><td>{p.p95_s:.2f}</td>"
        f"<td>{p.relances_par_parcours:.2f}</td><td>{p.requetes_par_parcours:.1f}</td>"
        f"<td>{p.statut}</td></tr>"
        for p in sorted(paliers, key=lambda p: (p.mode, p.offert_s))
    )
    corps = (
        f"<p>{escape(contexte)}</p><ul>{''.join(phrases)}</ul><p>{legende} ; pointillés : "
        "goodput égal à l'offert.</p>"
        + _panneau("Goodput", paliers, lambda p: p.goodput_s, "parcours finis/s", True)
        + _panneau("p95 du parcours Votant", paliers, lambda p: p.p95_s, "s")
        + _panneau("Relances", paliers, lambda p: p.relances_par_parcours, "par parcours fini")
        + "<table border='1' cellpadding='4'><tr><th>électeurs</th><th>offertes/s</th>"
        "<th>parties/s</th><th>finies/s</th><th>p95 Votant (s)</th><th>relances/finie</th>"
        f"<th>requêtes/finie</th><th>statut</th></tr>{lignes}</table>"
    )
    return _html(titre, corps)


def _html(titre: str, corps: str) -> str:
    return (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
        f"<title>{escape(titre)}</title></head><body>"
        f"<h1>{escape(titre)}</h1>{corps}</body></html>"
    )


def ecrire(paliers: list[Palier], sortie: Path, contexte: str) -> Path:
    """Write the chart of the steps into `sortie`; return its path."""
    sortie.write_text(page(paliers, contexte), encoding="utf-8")
    return sortie
