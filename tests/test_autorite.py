"""The credential authority's pieces on their own: the public credentials file (written
once, mode 600, its fingerprint closing it, refused when altered or made for other
parameters), the generation from the roll (the notice's code gives the credential), the
portal's loading of the file (the roll covered exactly, another file refused after the
first), and the signature that only the portal's requests carry."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from chiffrement.credential import credential_du_code
from chiffrement.credentials_publiques import (
    CredentialsRefusees,
    ecrire_credentials,
    exiger_accord,
    lire_credentials,
)
from fixtures.generateur import OptionsListe, ecrire_fichier_liste
from fixtures.identifiants import deriver_code_vote
from simulator.asgi.signature import (
    CleRefusee,
    RequeteNonAuthentifiee,
    Verificateur,
    creer_cle,
    entetes_signes,
    lire_cle,
    signature,
)
from simulator.autorite.generation import electeurs_de_la_liste, generer
from simulator.commandes.chargement import charger_liste
from simulator.storage import Database
from simulator.storage.electeurs import electeur_par_email, scrutins_de_la_liste
from simulator.vote.credentials import charger_credentials
from simulator.vote.parametres_publics import charger_parametres_publics, lire_parametres_publies
from simulator.vote.scrutins_publics import sceller_essai

SECRET = "secret-de-l-autorite"


@pytest.fixture
def liste(tmp_path: Path) -> Path:
    """A roll of 8 voters."""
    chemin = tmp_path / "liste.csv"
    ecrire_fichier_liste(OptionsListe(count=8, seed=4), chemin)
    return chemin


def test_the_file_gives_each_voter_the_credential_of_its_notice_code(
    tmp_path: Path, liste: Path
) -> None:
    """Generated over two processes: each g^x is the one of the code the notice carries;
    the file and the notices are the owner's only and never overwritten."""
    publication, _ = sceller_essai(tmp_path / "a")
    parametres = lire_parametres_publies(publication)
    sortie, notices = tmp_path / "aut" / "c.jsonl", tmp_path / "aut" / "notices.csv"
    fait = generer(liste, SECRET, parametres, sortie, notices, processus=2)
    lu = lire_credentials(sortie)
    assert fait.electeurs == 8 and lu.empreinte == fait.empreinte
    for email in electeurs_de_la_liste(liste):
        code = deriver_code_vote(email, SECRET)
        attendu = credential_du_code(code, parametres.election, email, parametres.iterations)
        assert lu.credentials[email] == attendu
        assert f"{email};{code}" in notices.read_text(encoding="utf-8")
    for chemin in (sortie, notices, sortie.parent):
        assert chemin.stat().st_mode & 0o077 == 0, chemin
    with pytest.raises(FileExistsError):
        generer(liste, SECRET, parametres, sortie)


def test_an_altered_truncated_or_foreign_file_is_refused(tmp_path: Path, liste: Path) -> None:
    """One digit changed, the last line cut, or other parameters: refused with the reason."""
    publication, _ = sceller_essai(tmp_path / "a")
    autres, _ = sceller_essai(tmp_path / "b")
    parametres = lire_parametres_publies(publication)
    sortie = tmp_path / "c.jsonl"
    generer(liste, SECRET, parametres, sortie)
    lignes = sortie.read_text(encoding="utf-8").splitlines(keepends=True)
    for nom, texte in (
        ("altere", "".join([lignes[0], lignes[1].replace("a", "b", 1), *lignes[2:]])),
        ("tronque", "".join(lignes[:-1])),
    ):
        (tmp_path / nom).write_text(texte, encoding="utf-8")
        with pytest.raises(CredentialsRefusees, match="altéré ou tronqué"):
            lire_credentials(tmp_path / nom)
    with pytest.raises(CredentialsRefusees, match="pas pour ceux-ci"):
        exiger_accord(lire_credentials(sortie), lire_parametres_publies(autres))
    exiger_accord(lire_credentials(sortie), parametres)


def test_the_portal_loads_a_file_covering_its_roll_once(tmp_path: Path, liste: Path) -> None:
    """The roll's voters get their g^x; a restart with the same file writes nothing; a
    file of another roll, or another file for the same roll, is refused."""
    db = Database(tmp_path / "p.sqlite3")
    charger_liste(db, liste, "secret-des-comptes")
    noms = ("CSA ministériel de l'éducation nationale",)
    publication, _ = sceller_essai(tmp_path / "s", noms)
    parametres = charger_parametres_publics(db, publication)
    autre_liste = tmp_path / "autre.csv"
    ecrire_fichier_liste(OptionsListe(count=8, seed=99), autre_liste)
    etrangere = tmp_path / "etrangere.jsonl"
    generer(autre_liste, SECRET, parametres, etrangere)
    with pytest.raises(CredentialsRefusees, match="pas celui de cette liste"):
        charger_credentials(db, parametres, etrangere)
    bonne, autre = tmp_path / "bonne.jsonl", tmp_path / "autre.jsonl"
    generer(liste, SECRET, parametres, bonne)
    generer(liste, "un-autre-secret", parametres, autre)
    assert charger_credentials(db, parametres, bonne).inscrites == 8
    assert charger_credentials(db, parametres, bonne).inscrites == 0
    with pytest.raises(CredentialsRefusees, match="ONT CHANGÉ"):
        charger_credentials(db, parametres, autre)
    email = next(electeurs_de_la_liste(liste))
    electeur = electeur_par_email(db.reader(), email)
    assert electeur is not None and electeur.code_vote_hash is None
    assert electeur.credential == lire_credentials(bonne).credentials[email]


def test_only_a_fresh_request_signed_with_the_shared_key_passes(tmp_path: Path) -> None:
    """Unsigned, wrongly signed, stale or replayed requests are refused; the key file is
    created once, mode 600, and refused when others may read it."""
    cle_fichier = tmp_path / "k" / "portail.cle"
    assert creer_cle(cle_fichier) and not creer_cle(cle_fichier)
    cle = lire_cle(cle_fichier)
    verificateur = Verificateur(cle)
    corps = b'{"electeur": "a@b.fr"}'
    entetes = list(entetes_signes(cle, corps).values())
    verificateur.exiger(entetes[0], entetes[1], corps)
    for instant, signee, motif in (
        (entetes[0], entetes[1], "rejouée"),
        (None, None, "non signée"),
        (entetes[0], signature(b"\0" * 32, entetes[0], corps), "signature fausse"),
        ("1000", signature(cle, "1000", corps), "trop ancienne"),
        (entetes[0], signature(cle, entetes[0], corps + b" "), "signature fausse"),
    ):
        with pytest.raises(RequeteNonAuthentifiee, match=motif):
            verificateur.exiger(instant, signee, corps)
    cle_fichier.chmod(0o644)
    with pytest.raises(CleRefusee, match="chmod 600"):
        lire_cle(cle_fichier)


def test_the_command_helps_and_says_its_errors_in_french(tmp_path: Path, liste: Path) -> None:
    """`--help` names the subcommands; a missing parameters folder is said, exit 1; the
    notice prints the code the roll's secret gives."""
    aide = subprocess.run(
        [sys.executable, "-m", "simulator", "autorite", "--help"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    for mot in ("generer", "notice", "servir", "autorité de credentials"):
        assert mot in aide.stdout.lower() or mot in aide.stdout
    absent = subprocess.run(
        [sys.executable, "-m", "simulator", "autorite", "generer", "--voters", str(liste),
         "--parametres", str(tmp_path / "nulle-part"), "--sortie", str(tmp_path / "c.jsonl")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert absent.returncode == 1 and "paramètres publics introuvables" in absent.stderr
    email = list(electeurs_de_la_liste(liste))[3]
    notice = subprocess.run(
        [sys.executable, "-m", "simulator", "autorite", "notice", "--voters", str(liste),
         "--secret", SECRET, "--electeur", email.upper()],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert f"Notice de {email}" in notice.stdout
    assert deriver_code_vote(email, SECRET) in notice.stdout


def test_the_file_carries_each_voter_s_scrutins_and_a_changed_row_stops_the_portal(
    tmp_path: Path, liste: Path
) -> None:
    """Format 2: each line gives the voter's sealed scrutins as the roll does; a file of
    format 1 (no scrutins) is still read; a third field that is not a list of ids is
    refused; a scrutin added to a voter's row in the database after the loading stops
    the portal's start (charger_credentials), naming the voter."""
    db = Database(tmp_path / "p.sqlite3")
    charger_liste(db, liste, SECRET)
    publication, _ = sceller_essai(tmp_path / "a", tuple(scrutins_de_la_liste(db.reader())))
    parametres = charger_parametres_publics(db, publication)
    sortie = tmp_path / "c.jsonl"
    generer(liste, SECRET, parametres, sortie)
    lu = lire_credentials(sortie)
    assert lu.scrutins is not None
    for email in electeurs_de_la_liste(liste):
        electeur = electeur_par_email(db.reader(), email)
        assert electeur is not None
        assert list(lu.scrutins[email]) == parametres.ids_des_scrutins(electeur.scrutins)
    ancien = tmp_path / "v1.jsonl"
    ecrire_credentials(ancien, parametres, lu.credentials.items())
    assert lire_credentials(ancien).scrutins is None
    lignes = sortie.read_text(encoding="utf-8").splitlines(keepends=True)
    lignes[1] = lignes[1].rsplit(",[", 1)[0] + ',"tous"]\n'
    faux = tmp_path / "faux.jsonl"
    corps = "".join(lignes[:-1])
    empreinte = hashlib.sha256(corps.encode()).hexdigest()
    faux.write_text(corps + json.dumps({"empreinte": empreinte}) + "\n", encoding="utf-8")
    with pytest.raises(CredentialsRefusees, match=r"\[électeur, g\^x, \[scrutins\]\] attendu"):
        lire_credentials(faux)
    email = next(electeurs_de_la_liste(liste))
    electeur = electeur_par_email(db.reader(), email)
    assert electeur is not None
    autre = next(s.nom for s in parametres.scrutins.values() if s.nom not in electeur.scrutins)
    with db.transaction() as conn:
        conn.execute(
            "UPDATE voters SET scrutins = scrutins || ? WHERE email = ?", (f"|{autre}", email)
        )
    with pytest.raises(CredentialsRefusees, match=f"n'ont pas les scrutins.*dont {email}"):
        charger_credentials(db, parametres, sortie)
