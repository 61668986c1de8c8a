"""The voting window: opening and closing instants, the 30-minute grace of R.211-563, and
how the portal says them to a voter (French dates, Paris time)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from simulator.settings import CLOTURE_2026, DELAI_GRACE_S, OUVERTURE_2026, PARIS
from simulator.vote.errors import VoteClos, VoteNonOuvert

JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MOIS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def date_en_clair(instant: float) -> str:
    """« jeudi 3 décembre 2026 à 10 h 00 », Paris time (no locale needed)."""
    d = datetime.fromtimestamp(instant, PARIS)
    premier = "1er" if d.day == 1 else str(d.day)
    return (
        f"{JOURS[d.weekday()]} {premier} {MOIS[d.month - 1]} {d.year} à {d.hour} h {d.minute:02d}"
    )


@dataclass(frozen=True)
class FenetreVote:
    """When ballots are accepted."""

    ouverture: float = OUVERTURE_2026
    cloture: float = CLOTURE_2026
    delai_grace_s: int = DELAI_GRACE_S

    def exiger_ouvert(self, maintenant: float, connecte_a: float | None) -> None:
        """Refuse outside the window; a voter logged in before the closing (`connecte_a`)
        may go on for `delai_grace_s` more (R.211-563)."""
        if maintenant < self.ouverture:
            raise VoteNonOuvert(date_en_clair(self.ouverture))
        if maintenant < self.cloture:
            return
        en_grace = (
            connecte_a is not None
            and connecte_a < self.cloture
            and maintenant < self.cloture + self.delai_grace_s
        )
        if not en_grace:
            raise VoteClos(date_en_clair(self.cloture))

    def ouvert(self, maintenant: float) -> bool:
        """Whether a voter who logs in now may vote."""
        return self.ouverture <= maintenant < self.cloture


DUREES = {"minute": 60, "minutes": 60, "heure": 3600, "heures": 3600, "jour": 86400, "jours": 86400}


def lire_instant(texte: str, maintenant: float) -> float:
    """An instant typed on the command line: « maintenant », « dans N jours » (or heures,
    minutes), « AAAA-MM-JJ HH:MM » (Paris time) or ISO 8601 with its offset; ValueError
    with a French message otherwise."""
    texte = " ".join(texte.split())
    if texte == "maintenant":
        return maintenant
    mots = texte.split(" ")
    if len(mots) == 3 and mots[0] == "dans" and mots[1].isdigit() and mots[2] in DUREES:
        return maintenant + int(mots[1]) * DUREES[mots[2]]
    try:
        d = datetime.fromisoformat(texte)
    except ValueError:
        raise ValueError(
            f"« {texte} » n'est pas une date : écrivez AAAA-MM-JJ HH:MM (heure de Paris), "
            "« maintenant » ou « dans 7 jours »"
        ) from None
    if d.tzinfo is None:
        d = d.replace(tzinfo=PARIS)
    return d.timestamp()
