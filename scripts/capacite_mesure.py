"""The capacity bench's measures and what it prints of them (scripts/bench_capacite.py):
one step's figures, whether it held, and the capacity they add up to, set beside the
national opening rate and the processor it would take."""

from __future__ import annotations

import os
from dataclasses import dataclass

P95_MAX_MS = 500.0
CIBLE_NATIONALE = 61  # arrivals per second at the national opening, in the opening mix


@dataclass(frozen=True)
class Mesure:
    """One step: arrival rate asked and measured, worst screen p95, failures."""

    demande_s: float
    arrivees_s: float
    pire_p95_ms: float
    pire_ecran: str
    echecs: int
    bulletins_s: float = 0.0
    generateur_court: bool = False
    # Processor time per voter started, in ms: the portal's processes, and Locust's.
    cpu_portail_ms: float = 0.0
    cpu_generateur_ms: float = 0.0
    # Processor ms to verify all the ballots of one voter started (its share of voting
    # voters times their ballots, measured apart on the step's reserve).
    verification_ms: float = 0.0

    @property
    def tenu(self) -> bool:
        """The voters offered started (none lost for want of room in the generator),
        every screen's p95 under the limit, not one failure, and the generator not short
        (else the step says nothing of the portal)."""
        return (
            not self.generateur_court
            and self.arrivees_s >= 0.95 * self.demande_s
            and self.pire_p95_ms <= P95_MAX_MS
            and self.echecs == 0
        )


def dire_le_palier(mesure: Mesure) -> None:
    """One line for a step: what was offered and got, whether it held, and the processor
    each voter started cost the portal (its ballots' verification apart) and Locust."""
    print(
        f"{mesure.demande_s:5.1f} arrivées/s offertes : {mesure.arrivees_s:5.1f} parties, "
        f"{mesure.bulletins_s:5.1f} bulletins/s, "
        f"p95 max {mesure.pire_p95_ms:5.0f} ms ({mesure.pire_ecran}), "
        f"{mesure.echecs} échec(s) : {'tenu' if mesure.tenu else 'NON TENU'}"
        + (" (générateur à court)" if mesure.generateur_court else "")
        + f"\n{'':24}processeur par arrivée partie : portail {mesure.cpu_portail_ms:.0f} ms "
        f"(dont vérifier les bulletins {mesure.verification_ms:.0f} ms), "
        f"générateur {mesure.cpu_generateur_ms:.0f} ms",
        flush=True,
    )


def dire_la_capacite(mesures: list[Mesure], plafond: float) -> None:
    """The summary: the best step held, wrk's ceiling beside it, the portal alone, the
    national target and the cores it would take."""
    tenus = [m for m in mesures if m.tenu]
    meilleur = max(tenus, key=lambda m: m.arrivees_s, default=None)
    arrivees = meilleur.arrivees_s if meilleur else 0.0
    print()
    print(f"capacité tenue (p95 < {P95_MAX_MS:.0f} ms, 0 erreur)  : {arrivees:.1f} arrivées/s")
    print(
        f"bulletins tenus au même palier               : "
        f"{meilleur.bulletins_s if meilleur else 0.0:.1f} bulletins/s"
    )
    print(f"plafond wrk sur l'accueil                    : {plafond:.0f} requêtes/s")
    # What the portal alone could take with both cores to itself (its injector elsewhere,
    # as in production), from its processor time per voter at the last step held, or the
    # first step if none was: an estimate, said as one.
    repere = meilleur or (mesures[0] if mesures else None)
    if repere is not None and repere.cpu_portail_ms > 0:
        print(
            f"portail seul sur {os.cpu_count()} cœurs (estimé, {repere.cpu_portail_ms:.0f} ms "
            f"par arrivée à {repere.demande_s:g}/s) : "
            f"{1000 * (os.cpu_count() or 1) / repere.cpu_portail_ms:.0f} arrivées/s"
        )
    print(
        f"cible nationale                               : {CIBLE_NATIONALE} arrivées/s "
        f"({arrivees / CIBLE_NATIONALE:.0%} atteints)"
    )
    if repere is not None:
        dire_les_coeurs(repere)


def dire_les_coeurs(repere: Mesure) -> None:
    """What the national rate would take of processor, at the costs per voter of `repere`:
    the cores it needs beside those the machine has, and the share no web stack could
    save, verifying the ballots."""
    par_arrivee = repere.cpu_portail_ms + repere.cpu_generateur_ms
    print(
        f"à {CIBLE_NATIONALE} arrivées/s, aux coûts mesurés à {repere.demande_s:g}/s : "
        f"{CIBLE_NATIONALE * par_arrivee / 1000:.1f} cœurs occupés (portail "
        f"{CIBLE_NATIONALE * repere.cpu_portail_ms / 1000:.1f}, dont vérifier les bulletins "
        f"{CIBLE_NATIONALE * repere.verification_ms / 1000:.1f} ; générateur "
        f"{CIBLE_NATIONALE * repere.cpu_generateur_ms / 1000:.1f}) ; "
        f"cette machine en a {os.cpu_count()}"
    )
