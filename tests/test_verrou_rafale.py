"""Attack 9 of issue #21: a burst of wrong codes de vote (or wrong passwords) sent at once
by two worker processes must not get more than the lock's five tries checked.

Each check that ran leaves one audit event (refused, or refused and locked); a try
refused by the lock before any check leaves none. So the audit log counts the checks.
"""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

from simulator import audit
from simulator.acces import comptes
from simulator.clock import Clock
from simulator.errors import PortalError
from simulator.settings import Settings
from simulator.storage import Database
from simulator.storage.electeurs import electeur_par_email
from simulator.vote.code_vote import code_correct, verifier_code_vote

REGLES = Settings(hash_cost="fast", password_failures_per_window=0)
PAR_PROCESSUS = 12


def _rafale(args: tuple[str, str, str]) -> list[str]:
    """In one worker process: twelve threads try a wrong secret at the same instant."""
    chemin, email, genre = args
    db = Database(Path(chemin))
    clock = Clock(db)
    depart = threading.Barrier(PAR_PROCESSUS)
    issues: list[str] = []

    def essayer(i: int) -> None:
        electeur = electeur_par_email(db.reader(), email)
        assert electeur is not None
        depart.wait()
        try:
            if genre == "code":
                faux = f"AAAA-AAAA-AA{i:02d}"  # each try checked as the proof would be

                def correct(code: str = faux) -> bool:
                    return code_correct(db, REGLES, electeur, code)

                verifier_code_vote(db, clock, REGLES, electeur, correct)
            else:
                comptes.authentifier(db, clock, REGLES, email, f"Faux-mot-de-passe-{i}")
            issues.append("accepté")
        except PortalError as exc:
            issues.append(type(exc).__name__)

    fils = [threading.Thread(target=essayer, args=(i,)) for i in range(PAR_PROCESSUS)]
    for f in fils:
        f.start()
    for f in fils:
        f.join()
    return issues


def _verifications(db: Database, email: str, evenements: tuple[str, ...]) -> int:
    marques = ",".join("?" * len(evenements))
    row = (
        db.reader()
        .execute(
            f"SELECT COUNT(*) AS n FROM audit_log WHERE identifier = ? AND event IN ({marques})",
            (email, *evenements),
        )
        .fetchone()
    )
    return int(row["n"])


def _lancer(db: Database, email: str, genre: str) -> list[str]:
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        parts = pool.map(_rafale, [(str(db.path), email, genre)] * 2)
    return parts[0] + parts[1]


def test_a_burst_of_wrong_codes_gets_at_most_five_checked(tmp_path: Path) -> None:
    """24 wrong codes de vote at once on two workers: five checked, every other one
    refused by the lock without being looked at."""
    db = Database(tmp_path / "p.sqlite3")
    email = comptes.creer_electeur(db, "fast", state="actif").email
    issues = _lancer(db, email, "code")
    assert "accepté" not in issues and len(issues) == 2 * PAR_PROCESSUS
    verifies = _verifications(db, email, (audit.CODE_VOTE_REFUSE, audit.CODE_VOTE_BLOQUE))
    assert verifies == REGLES.election.echecs_avant_verrou, issues
    assert issues.count("CodeVoteIncorrect") == REGLES.election.echecs_avant_verrou - 1


def test_a_burst_of_wrong_passwords_gets_at_most_five_checked(tmp_path: Path) -> None:
    """The same burst against the Élections password: five Argon2 checks, no more."""
    db = Database(tmp_path / "p.sqlite3")
    email = comptes.creer_electeur(db, "fast", state="actif").email
    issues = _lancer(db, email, "mot de passe")
    assert "accepté" not in issues and len(issues) == 2 * PAR_PROCESSUS
    verifies = _verifications(db, email, (audit.CONNEXION_ECHOUEE, audit.VERROUILLAGE))
    assert verifies == REGLES.election.echecs_avant_verrou, issues
    assert issues.count("ConnexionRefusee") == REGLES.election.echecs_avant_verrou - 1
