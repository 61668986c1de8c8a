"""What the guide says a portal does, that the harness must know to keep its accounts.

One place for these numbers: the accounts ledger (harnais/comptes/), the steps and the
tests read them here, so that a portal whose rules differ is described once.
"""

from __future__ import annotations

# Wrong passwords a portal tolerates before it locks the account (the guide's five); the
# code de vote locks after as many wrong codes.
ECHECS_AVANT_VERROU = 5
# How long the first lock lasts (the guide's fifteen minutes); each later lock of the
# same account doubles it.
VERROU_S = 15 * 60
# A minute of margin for a clock skew between the portal and the harness.
MARGE_HORLOGE_S = 60
# An `actif` account is handed out only while more wrong passwords would not lock it
# under a scenario that types one or two.
ECHECS_TOLERES = 2
# How long a locked code de vote is left alone: the ledger keeps no count of the code's
# locks, so it waits longer than any of the first three (15, 30, 60 minutes).
CODE_BLOQUE_S = 2 * 3600


def duree_verrou_s(verrous: int) -> float:
    """How long the `verrous`-th lock of an account lasts (1 for the first), with margin."""
    return float(VERROU_S * (1 << (verrous - 1)) + MARGE_HORLOGE_S)
