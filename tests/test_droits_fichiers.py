"""Attack 10 of issue #21, the files' part: the database (and its -wal, -shm) and the
trustees' key files are readable by their owner only, whatever the umask of whoever
starts the portal or the bureau; the folders we create for them are 700."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from chiffrement import bureau
from simulator.storage import Database
from simulator.vote.election import lire_ou_creer_cle_accuses
from simulator.vote.errors import ParametresRefuses
from tests.chiffrement_essai import SCRUTINS


def _mode(chemin: Path) -> int:
    return stat.S_IMODE(chemin.stat().st_mode)


@pytest.fixture(autouse=True)
def umask_laxiste() -> Iterator[None]:
    """The commonest umask (022): files 644, folders 755, unless the code says better."""
    avant = os.umask(0o022)
    yield
    os.umask(avant)


def test_a_new_database_and_its_wal_are_for_their_owner_only(tmp_path: Path) -> None:
    """Created in a folder of its own: folder 700; file, -wal and -shm 600."""
    db = Database(tmp_path / "var" / "portail.sqlite3")
    with db.transaction() as conn:
        conn.execute("INSERT INTO roll_meta (key, value) VALUES ('essai', 'x')")
    assert _mode(db.path.parent) == 0o700
    for chemin in (db.path, Path(f"{db.path}-wal"), Path(f"{db.path}-shm")):
        assert chemin.exists() and _mode(chemin) == 0o600, chemin


def test_an_existing_world_readable_database_is_narrowed(tmp_path: Path) -> None:
    """A file left 644 by an older portal or a copy is 600 once a portal opens it."""
    chemin = tmp_path / "portail.sqlite3"
    Database(chemin).close()
    for fichier in tmp_path.iterdir():
        fichier.chmod(0o644)
    Database(chemin)
    assert {f.name: _mode(f) for f in tmp_path.iterdir() if f.name.startswith("portail")} == {
        f.name: 0o600 for f in tmp_path.iterdir() if f.name.startswith("portail")
    }


def test_the_trustees_key_files_and_their_folder_are_private(tmp_path: Path) -> None:
    """The bureau's sealing: every trustee's share 600, the folder it made 700."""
    _, cles = bureau.sceller(tmp_path / "tiers", tmp_path / "pub", "essai", "Essai", SCRUTINS)
    assert cles and all(_mode(c) == 0o600 for c in cles)
    assert _mode(tmp_path / "tiers") == 0o700


def test_the_portal_receipt_key_is_for_its_owner_only(tmp_path: Path) -> None:
    """The key that signs the proofs of vote: a file of mode 600 beside the database,
    never in it; one readable by others is refused."""
    chemin = tmp_path / "p-accuses.cle"
    lire_ou_creer_cle_accuses(chemin)
    assert _mode(chemin) == 0o600
    chemin.chmod(0o644)
    with pytest.raises(ParametresRefuses, match="lisible par d'autres"):
        lire_ou_creer_cle_accuses(chemin)


def test_opening_the_database_again_keeps_the_portal_s_wal(tmp_path: Path) -> None:
    """A second `Database` on the same file in the portal's process (its app next to the
    start-up's, a command in a test) must not drop that process's SQLite locks: closing
    any descriptor of a file releases every POSIX lock the process holds on it, and then
    the next process to close its last connection (an administrator's `sqlite3` reading
    a table) believes itself the last user and removes the -wal the portal still writes
    in, taking with it what the portal writes afterwards."""
    db = Database(tmp_path / "portail.sqlite3")
    with db.transaction() as conn:
        conn.execute("INSERT INTO roll_meta (key, value) VALUES ('avant', 'x')")
    Database(db.path)
    lecteur = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
        "c.execute('SELECT count(*) FROM roll_meta').fetchall(); c.close()"
    )
    subprocess.run([sys.executable, "-c", lecteur, str(db.path)], check=True, timeout=30)
    with db.transaction() as conn:
        conn.execute("INSERT INTO roll_meta (key, value) VALUES ('apres', 'x')")
    relu = sqlite3.connect(db.path).execute("SELECT key FROM roll_meta ORDER BY key").fetchall()
    assert Path(f"{db.path}-wal").exists()
    assert relu == [("apres",), ("avant",)]
