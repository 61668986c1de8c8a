"""SLO gate: at the end of a run, a verdict table per screen, and a non-zero exit status
when a threshold is missed. Thresholds: `[tool.elections.slo]` in pyproject.toml, or
`--slo-p95-ms`, `--slo-erreurs`, `--slo-mail-p95-s`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from locust import events
from locust.runners import WorkerRunner

from load.comptes import COMPTES
from load.options import OPTIONS_REFUSEES
from load.seuils import PARCOURS, Seuils, seuils

__all__ = ["PARCOURS", "Seuils", "seuils"]

# Exit status of a run whose generator, not the portal, was the bottleneck.
GENERATEUR_SATURE = 3  # a run that says nothing of the portal: its generator, or its roll
LISTE = "liste"  # the cause of a user stopped for want of accounts


@dataclass(frozen=True)
class Ligne:
    """One row of the verdict table."""

    quoi: str
    mesure: str
    seuil: str
    tenu: bool
    # Who a missed line blames: the portal, the load generator, or the roll of accounts
    # (the last two: the run says nothing of the portal).
    cause: str = "portail"


# What other modules add to the verdict (load/bilan.py): a text printed before the table
# and lines of their own, from the run and the lines so far.
COMPLEMENTS: list[Callable[[Any, list[Ligne]], tuple[str, list[Ligne]]]] = []


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
                    cause=LISTE,
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
    sortie.append("-" * (largeur + 40))
    sortie.append(conclusion(lignes))
    return "\n".join(sortie)


def conclusion(lignes: list[Ligne]) -> str:
    """The verdict in one sentence, naming who did not hold."""
    manquees = [ligne for ligne in lignes if not ligne.tenu]
    generateur = [ligne.quoi for ligne in manquees if ligne.cause not in ("portail", LISTE)]
    if generateur:
        return (
            "TIR NON CONCLUANT : le générateur de charge était le goulet ("
            + ", ".join(generateur)
            + f") ; ce tir ne juge pas le portail. Statut de sortie {GENERATEUR_SATURE}."
        )
    liste = [ligne.quoi for ligne in manquees if ligne.cause == LISTE]
    if liste:
        return (
            "TIR NON CONCLUANT : la liste n'avait pas assez de comptes pour ce tir ("
            + ", ".join(liste)
            + ") ; donnez une liste plus longue. Ce tir ne juge pas le portail. "
            f"Statut de sortie {GENERATEUR_SATURE}."
        )
    manques = [ligne.quoi for ligne in lignes if not ligne.tenu]
    if manques:
        return (
            "Le portail n'a pas tenu (" + ", ".join(manques) + ").\n"
            "SLO MANQUÉS : statut de sortie 1."
        )
    return "SLO tenus."


def statut(lignes: list[Ligne]) -> int:
    """0 when every line holds, 3 when the generator or the roll missed one (the run
    then says nothing of the portal), 1 otherwise."""
    if any(not ligne.tenu and ligne.cause != "portail" for ligne in lignes):
        return GENERATEUR_SATURE
    return 0 if all(ligne.tenu for ligne in lignes) else 1


@events.quitting.add_listener
def juger(environment: Any, **_kwargs: Any) -> None:
    """Print the verdict and set the exit status (on the master or a single process)."""
    if isinstance(environment.runner, WorkerRunner):
        return
    if environment.process_exit_code == OPTIONS_REFUSEES:
        return  # nothing was measured: the error said why, a verdict would only confuse
    lignes = verdict(environment.stats, seuils(environment.parsed_options))
    textes = []
    for complement in COMPLEMENTS:
        texte, autres = complement(environment, lignes)
        textes.append(texte)
        lignes += autres
    sys.stdout.write("".join(textes) + imprimer(lignes) + "\n")
    sys.stdout.flush()
    environment.process_exit_code = statut(lignes)
