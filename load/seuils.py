"""The thresholds of the SLO gate, read from pyproject.toml and the command line (no Locust
here: the reports read them too, outside any Locust process)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
MAIL = "délai du mail de réassort"
# The request type of a persona's whole journey (load/personas.py).
PARCOURS = "PARCOURS"


@dataclass(frozen=True)
class Seuils:
    """The thresholds a run must hold."""

    p95_ms: float = 1000.0
    erreurs: float = 0.001
    mail_p95_s: float = 60.0
    par_ecran: dict[str, float] = field(default_factory=dict)
    # p95 of each persona's journey, in seconds, by entry name (« parcours: Votant »).
    parcours_s: dict[str, float] = field(default_factory=dict)


def seuils(options: Any) -> Seuils:
    """Thresholds from pyproject.toml, overridden by the command line."""
    data: dict[str, Any] = {}
    if PYPROJECT.exists():
        data = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    conf = data.get("tool", {}).get("elections", {}).get("slo", {})
    base = Seuils(
        p95_ms=float(conf.get("p95_ms", Seuils.p95_ms)),
        erreurs=float(conf.get("erreurs", Seuils.erreurs)),
        mail_p95_s=float(conf.get("mail_p95_s", Seuils.mail_p95_s)),
        par_ecran={k: float(v) for k, v in conf.get("ecrans", {}).items()},
        parcours_s={f"parcours: {k}": float(v) for k, v in conf.get("parcours", {}).items()},
    )
    if options is None:
        return base
    # A screen's own threshold only ever raises the common one: a run that loosens the
    # common threshold on the command line (a slow machine) loosens every screen too.
    cli = options.slo_p95_ms
    p95_ms = cli if cli is not None else base.p95_ms
    par_ecran = (
        base.par_ecran if cli is None else {k: max(v, cli) for k, v in base.par_ecran.items()}
    )
    return Seuils(
        p95_ms=p95_ms,
        erreurs=options.slo_erreurs if options.slo_erreurs is not None else base.erreurs,
        mail_p95_s=(
            options.slo_mail_p95_s if options.slo_mail_p95_s is not None else base.mail_p95_s
        ),
        par_ecran=par_ecran,
        parcours_s=base.parcours_s,
    )
