"""Chaos switches of the sink, in Mailpit's own shape, plus one extension of ours.

Mailpit's `PUT /api/v1/chaos` body names up to three triggers, `Sender` (MAIL FROM),
`Recipient` (RCPT TO) and `Authentication` (AUTH), each an SMTP error code (400 to 599)
and a probability in percent (0 to 100). As in Mailpit, a PUT replaces the whole
configuration: a trigger left out is switched off, `{}` switches everything off.
`DelaySeconds` is ours: a mail accepted at once but readable in the mailbox only that
many seconds later (how the 2022 late mails are replayed); Mailpit has no such field.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field
from typing import Any

TRIGGERS = ("Authentication", "Recipient", "Sender")
DELAY = "DelaySeconds"
DEFAULT_ERROR_CODE = 451


# A mail held longer than an hour tells nothing a test needs; infinity would hold it forever.
DELAI_MAX_S = 3600.0


class ChaosInvalide(ValueError):
    """A chaos body that Mailpit's contract does not allow; the message says why."""


@dataclass(frozen=True)
class Trigger:
    """One SMTP stage made to fail: with this code, this often (percent)."""

    error_code: int = DEFAULT_ERROR_CODE
    probability: int = 0

    def as_json(self) -> dict[str, int]:
        """Mailpit's shape of a trigger."""
        return {"ErrorCode": self.error_code, "Probability": self.probability}


def _whole(value: Any, name: str, low: int, high: int) -> int:
    # JSON true is an int to Python: refuse it as Mailpit's decoder would.
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ChaosInvalide(f"{name} doit être un entier de {low} à {high}")
    return value


def _trigger(name: str, body: Any) -> Trigger:
    if not isinstance(body, dict):
        raise ChaosInvalide(f"{name} doit être un objet {{ErrorCode, Probability}}")
    unknown = sorted(set(body) - {"ErrorCode", "Probability"})
    if unknown:
        raise ChaosInvalide(f"{name} : champ(s) inconnu(s) : {', '.join(unknown)}")
    return Trigger(
        error_code=_whole(body.get("ErrorCode"), f"{name}.ErrorCode", 400, 599),
        probability=_whole(body.get("Probability"), f"{name}.Probability", 0, 100),
    )


@dataclass
class Chaos:
    """The sink's current faults; replaced whole by `configure`, read by the SMTP side."""

    triggers: dict[str, Trigger] = field(default_factory=lambda: {t: Trigger() for t in TRIGGERS})
    delay_seconds: float = 0.0
    _random: random.Random = field(default_factory=random.Random, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def configure(self, body: Any) -> None:
        """Apply a Mailpit chaos body (plus our `DelaySeconds`), all or nothing."""
        if not isinstance(body, dict):
            raise ChaosInvalide("le corps doit être un objet JSON")
        unknown = sorted(set(body) - {*TRIGGERS, DELAY})
        if unknown:
            raise ChaosInvalide(
                f"champ(s) inconnu(s) : {', '.join(unknown)} "
                f"(attendus : {', '.join(TRIGGERS)}, et {DELAY} propre au puits)"
            )
        triggers = {t: _trigger(t, body[t]) if t in body else Trigger() for t in TRIGGERS}
        delay = body.get(DELAY, 0)
        if (
            isinstance(delay, bool)
            or not isinstance(delay, int | float)
            or not 0 <= delay <= DELAI_MAX_S
        ):
            raise ChaosInvalide(f"{DELAY} doit être un nombre de secondes de 0 à {DELAI_MAX_S:.0f}")
        self.triggers, self.delay_seconds = triggers, float(delay)

    def refuse(self, stage: str) -> int | None:
        """The error code to answer at this stage now, or None to go on."""
        trigger = self.triggers[stage]
        if trigger.probability <= 0:
            return None
        with self._lock:
            drawn = self._random.random() * 100
        return trigger.error_code if drawn < trigger.probability else None

    def as_json(self) -> dict[str, Any]:
        """Mailpit's answer to GET and PUT, with our delay beside it."""
        return {
            **{name: self.triggers[name].as_json() for name in TRIGGERS},
            DELAY: self.delay_seconds,
        }
