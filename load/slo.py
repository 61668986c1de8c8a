"""SLO gate: at the end of a run, a verdict table per screen, and a non-zero exit status
when a threshold is missed. Thresholds: `[tool.elections.slo]` in pyproject.toml, or
`--slo-p95-ms`, `--slo-erreurs`, `--slo-mail-p95-s`."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

from locust import events
from locust.runners import WorkerRunner

from load.comptes import COMPTES
from load.options import OPTIONS_REFUSEES
from load.seuils import PARCOURS, Seuils, seuils

__all__ = ["PARCOURS", "Seuils", "seuils"]


@dataclass(frozen=True)
class Ligne:
    """One row of the verdict table."""

    quoi: str
    mesure: str
    seuil: str
    tenu: bool


def verdict(stats: Any, limites: Seuils) -> list[Ligne]:
    """Compare a run's statistics with the thresholds."""
    lignes: list[Ligne] = []
    for (name, method), entry in sorted(stats.entries.items()):
        if entry.num_requests == 0:
            continue
        p95 = entry.get_response_time_percentile(0.95)
        if method == "MAIL":
            limite = limites.mail_p95_s * 1000
            lignes.append(
                Ligne(
                    f"mail : {name} (p95)",
                    f"{p95 / 1000:.1f} s",
                    f"≤ {limites.mail_p95_s:.0f} s",
                    p95 <= limite,
                )
            )
            continue
        if method == COMPTES:
            lignes.append(
                Ligne(
                    f"utilisateurs arrêtés, {name}",
                    f"{entry.num_requests}",
                    "0",
                    False,
                )
            )
            continue
        if method == PARCOURS:
            seuil_s = limites.parcours_s.get(name)
            if seuil_s is None:
                lignes.append(Ligne(f"{name} (p95)", f"{p95 / 1000:.2f} s", "sans seuil", False))
                continue
            lignes.append(
                Ligne(
                    f"{name} (p95)",
                    f"{p95 / 1000:.2f} s",
                    f"≤ {seuil_s:g} s",
                    p95 <= seuil_s * 1000,
                )
            )
            continue
        limite = limites.par_ecran.get(name, limites.p95_ms)
        lignes.append(
            Ligne(f"{method} {name} (p95)", f"{p95:.0f} ms", f"≤ {limite:.0f} ms", p95 <= limite)
        )
    total = stats.total
    # Users stopped for want of accounts have their own lines above, not a share of errors.
    arretes = sum(e.num_requests for (_, m), e in stats.entries.items() if m == COMPTES)
    requetes, echecs = total.num_requests - arretes, total.num_failures - arretes
    ratio = echecs / requetes if requetes else 0.0
    lignes.append(
        Ligne(
            "part d'erreurs",
            f"{ratio:.2%} ({echecs})",
            f"≤ {limites.erreurs:.2%}",
            ratio <= limites.erreurs,
        )
    )
    if requetes == 0:
        lignes.append(Ligne("requêtes", "0", "> 0", False))
    return lignes


def imprimer(lignes: list[Ligne]) -> str:
    """The verdict table as text."""
    largeur = max(len(ligne.quoi) for ligne in lignes)
    sortie = ["", "Verdict SLO", "-" * (largeur + 40)]
    for ligne in lignes:
        etat = "tenu" if ligne.tenu else "MANQUÉ"
        sortie.append(f"{ligne.quoi:<{largeur}}  {ligne.mesure:>14}  {ligne.seuil:>10}  {etat}")
    tenus = all(ligne.tenu for ligne in lignes)
    sortie.append("-" * (largeur + 40))
    sortie.append("SLO tenus." if tenus else "SLO MANQUÉS : statut de sortie 1.")
    return "\n".join(sortie)


@events.quitting.add_listener
def juger(environment: Any, **_kwargs: Any) -> None:
    """Print the verdict and set the exit status (on the master or a single process)."""
    if isinstance(environment.runner, WorkerRunner):
        return
    if environment.process_exit_code == OPTIONS_REFUSEES:
        return  # nothing was measured: the error said why, a verdict would only confuse
    lignes = verdict(environment.stats, seuils(environment.parsed_options))
    sys.stdout.write(imprimer(lignes) + "\n")
    sys.stdout.flush()
    environment.process_exit_code = 0 if all(ligne.tenu for ligne in lignes) else 1
