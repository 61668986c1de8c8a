"""Attacks 6, 7 and 10 of issue #21 against `python -m simulator depouiller`:
counting before the closing and its grace (even with the portal's clock file moved by
whoever may write beside the database), a count whose ballots and émargements differ,
and a third delegate's key file altered among sound ones. Each is refused, names what
does not hold, exits non-zero and publishes nothing."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from chiffrement.fichiers import ecrire_secret
from chiffrement.parametres import lire_parametres
from simulator.acces import comptes
from simulator.clock import Clock
from simulator.storage import Database
from simulator.vote.calendrier import date_en_clair
from tests.vote_essai import CSA, voter_en_base

ROOT = Path(__file__).resolve().parent.parent
PUBLIES = ("tally.json", "dechiffrements.json", "resultats.json")
CLES = ("president.cle", "delegue-1.cle", "delegue-3.cle")


def _commande(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simulator", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def _election(tmp_path: Path, emargements_en_plus: int = 0) -> tuple[Path, float]:
    """Sealed by the command, two ballots on the portal's board (and, to tamper, extra
    émargements written straight into the database); (database, closing)."""
    db, tiers, pub = tmp_path / "p.sqlite3", tmp_path / "tiers", tmp_path / "pub"
    comptes.creer_electeur(Database(db), "fast", state="actif")
    scelle = _commande(
        "sceller", "--db", str(db), "--fragments", str(tiers), "--publication", str(pub),
        # A period around today, whatever the day the suite runs: fixed dates would make
        # « the vote is not closed yet » false once they are past.
        "--iterations", "10", "--ouverture-vote", "maintenant", "--cloture-vote", "dans 7 jours",
    )  # fmt: skip
    assert scelle.returncode == 0, scelle.stderr
    document = json.loads((pub / "parametres.json").read_text())
    par = lire_parametres(document, (pub / "parametres.empreinte").read_text().strip())
    assert par.periode is not None
    voter_en_base(db, pub, 2)
    base = Database(db)
    for _ in range(emargements_en_plus):  # an abstainer signed for, no ballot
        absent = comptes.creer_electeur(base, "fast", state="actif")
        with base.transaction() as conn:
            conn.execute(
                "INSERT INTO emargement (voter_id, scrutin)"
                " SELECT id, ? FROM voters WHERE email = ?",
                (CSA, absent.email),
            )
    return db, float(par.periode[1])


def _depouiller(tmp_path: Path, *options: str, cles: tuple[str, ...] = CLES) -> Any:
    chemins = [str(tmp_path / "tiers" / n) for n in cles]
    pub = str(tmp_path / "pub")
    db = str(tmp_path / "p.sqlite3")
    return _commande("depouiller", "--db", db, *options, "--publication", pub, *chemins)


def _rien_publie(tmp_path: Path) -> bool:
    return not any((tmp_path / "pub" / n).exists() for n in PUBLIES)


def _heure_du_portail(db: Path, instant: float) -> None:
    """Move the portal's clock file so that it reads `instant` (what a test hook does,
    and what anyone who may write beside the database can do)."""
    horloge = Clock(Database(db))
    horloge.advance(instant - horloge.now())


def test_a_moved_clock_file_does_not_open_the_count(tmp_path: Path) -> None:
    """The clock file says a month later: without --horloge-de-test the system's time
    counts, and the vote is not closed (attack 6)."""
    db, cloture = _election(tmp_path)
    _heure_du_portail(db, cloture + 30 * 86400)
    assert time.time() < cloture  # sealed for the week to come
    refus = _depouiller(tmp_path)
    assert refus.returncode == 2 and "pas clos" in refus.stderr, refus.stderr
    assert "rien n'est publié" in refus.stderr and _rien_publie(tmp_path)


def test_the_count_waits_for_the_grace_after_the_closing(tmp_path: Path) -> None:
    """29 minutes after the closing: refused, saying from when it will count, nothing
    published; 31: counted."""
    db, cloture = _election(tmp_path)
    _heure_du_portail(db, cloture + 29 * 60)
    refus = _depouiller(tmp_path, "--horloge-de-test")
    assert refus.returncode == 2 and "pas clos" in refus.stderr, refus.stderr
    assert f"pas de dépouillement avant le {date_en_clair(cloture + 30 * 60)}" in refus.stderr
    assert _rien_publie(tmp_path)
    _heure_du_portail(db, cloture + 31 * 60)
    compte = _depouiller(tmp_path, "--horloge-de-test")
    assert compte.returncode == 0, compte.stderr
    assert not _rien_publie(tmp_path)


def test_a_mismatch_publishes_nothing_and_gives_the_counts(tmp_path: Path) -> None:
    """One émargement more than ballots: exit 3, the scrutin's counts, nothing written
    (attack 7: results and fingerprints were written before the exit status 3)."""
    db, cloture = _election(tmp_path, emargements_en_plus=1)
    _heure_du_portail(db, cloture + 3600)
    refus = _depouiller(tmp_path, "--horloge-de-test")
    assert refus.returncode == 3, refus.stderr
    assert "2 bulletin(s) pour 3" in refus.stderr and _rien_publie(tmp_path)


def test_a_third_altered_delegate_key_is_named(tmp_path: Path) -> None:
    """President and delegates 1 and 3 would suffice; delegate 2's key, altered by one
    unit and given as well, is named and nothing is published (attack 10)."""
    db, cloture = _election(tmp_path)
    _heure_du_portail(db, cloture + 3600)
    chemin = tmp_path / "tiers" / "delegue-2.cle"
    contenu = json.loads(chemin.read_text())
    chemin.unlink()
    ecrire_secret(chemin, {**contenu, "secret": str(int(contenu["secret"]) + 1)})
    refus = _depouiller(tmp_path, "--horloge-de-test", cles=(*CLES, "delegue-2.cle"))
    assert refus.returncode == 2 and "delegue-2.cle" in refus.stderr, refus.stderr
    assert _rien_publie(tmp_path)
