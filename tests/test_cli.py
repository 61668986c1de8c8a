"""`python -m simulator` as a real process: help, ports, roll loading, restart, clean stop."""

from __future__ import annotations

import html
import subprocess
import sys
import time
from pathlib import Path

import httpx

from fixtures.generateur import OptionsListe, ecrire_fichier_liste
from fixtures.identifiants import SECRET_DEMONSTRATION, deriver_identifiants
from harnais.courrier import Mailbox
from simulator.commandes.process import PortalProcess
from simulator.vote.scrutins_publics import identifiant_scrutin
from simulator.vote.urne import deposer_bulletin, verifier
from tests.conftest import Portail
from tests.vote_essai import CSA, urne_essai


def test_help_lists_every_option() -> None:
    """`--help` documents the options of the design notes, in French."""
    result = subprocess.run(
        [sys.executable, "-m", "simulator", "--help"], capture_output=True, text=True, check=True
    )
    for option in (
        "--host",
        "--port",
        "--smtp-port",
        "--mail-port",
        "--db",
        "--voters",
        "--test-hooks",
        "--hash-cost",
        "--workers",
        "--captcha-recette",
    ):
        assert option in result.stdout
    assert "port libre" in result.stdout


def test_portal_starts_on_free_ports_loads_roll_and_stops_cleanly(tmp_path: Path) -> None:
    """Port 0 gives printed ports; the roll is loaded once and reused after a restart."""
    roll = tmp_path / "liste.csv"
    ecrire_fichier_liste(OptionsListe(count=30, seed=1, actif_share=0.5), roll)
    db = tmp_path / "portail.sqlite3"
    args = ("--db", str(db), "--voters", str(roll), "--hash-cost", "fast")
    with PortalProcess(*args) as first:
        assert httpx.get(first.url + "/").status_code == 200
        assert httpx.get(first.mail_api_url + "/livez").text == "ok"
        assert (
            httpx.post(first.url + "/__test__/voters", json={"state": "actif"}).status_code == 404
        )
    output = "\n".join(first.lines)
    assert "chargée : 30 électeurs" in output
    assert "Électeur de démonstration : identifiant " in output
    assert "Portail arrêté." in output
    assert first.stop() == 0
    with PortalProcess(*args) as second:
        assert httpx.get(second.url + "/").status_code == 200
    assert "30 électeurs déjà chargés" in "\n".join(second.lines)


def test_a_recette_portal_refuses_test_hooks_and_a_non_numeric_code(tmp_path: Path) -> None:
    """`--captcha-recette` plays a portal without hooks, and a CAPTCHA is digits."""
    for options, motif in (
        (["--captcha-recette", "424242", "--test-hooks"], "retirez --test-hooks"),
        (["--captcha-recette", "abc"], "que des chiffres"),
    ):
        result = subprocess.run(
            [sys.executable, "-m", "simulator", "--db", str(tmp_path / "p.sqlite3"), *options],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert result.returncode == 2 and motif in result.stderr, result.stderr


def test_unreadable_roll_is_reported_in_french(tmp_path: Path) -> None:
    """A missing roll file fails fast with a French message and exit status 1."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "simulator",
            "--db",
            str(tmp_path / "p.sqlite3"),
            "--voters",
            str(tmp_path / "absente.csv"),
            "--port",
            "0",
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert "Impossible d'ouvrir la liste électorale" in result.stderr


def test_workers_share_one_database(tmp_path: Path) -> None:
    """With --workers 2, sessions and CAPTCHAs live in SQLite: every login succeeds."""
    with PortalProcess(
        "--db", str(tmp_path / "p.sqlite3"), "--hash-cost", "fast", "--test-hooks", "--workers", "2"
    ) as portal:
        electeur = httpx.post(portal.url + "/__test__/voters", json={"state": "actif"}).json()
        for _ in range(6):
            # A new client each time: new connections, spread by the kernel over both workers.
            with httpx.Client(base_url=portal.url, follow_redirects=True) as client:
                page = Portail(client).login(electeur["email"], electeur["password"])
                assert page.url.path == "/espace", page.text


def test_workers_share_locks_and_send_each_mail_once(tmp_path: Path) -> None:
    """With --workers 2: failures counted across workers lock the account, and each
    worker's outbox sender leaves every réassort mail delivered exactly once."""
    with PortalProcess(
        "--db", str(tmp_path / "p.sqlite3"), "--hash-cost", "fast", "--test-hooks", "--workers", "2"
    ) as portal:
        hooks = httpx.Client(base_url=portal.url)
        electeur = hooks.post("/__test__/voters", json={"state": "actif"}).json()
        answers = []
        for _ in range(5):
            with httpx.Client(base_url=portal.url, follow_redirects=True) as client:
                answers.append(Portail(client).login(electeur["email"], "Faux-mot-2-passe").text)
        assert "verrouill" in answers[-1]
        emails = [
            hooks.post("/__test__/voters", json={"state": "nouveau"}).json()["email"]
            for _ in range(6)
        ]
        for email in emails:
            with httpx.Client(base_url=portal.url, follow_redirects=True) as client:
                assert "Un mail vient de vous" in Portail(client).demander_reassort(email).text
        box = Mailbox(portal.mail_api_url)
        for email in emails:
            box.wait_for_mail(email)
        time.sleep(1.0)  # both senders poll several times more: still one mail each
        delivered = sorted(m["To"][0]["Address"] for m in box.all_messages())
        assert delivered == sorted(emails)
        box.close()
        hooks.close()


def _simulateur(*options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simulator", "--port", "0", "--smtp-port", "0",
         "--mail-port", "0", "--hash-cost", "fast", *options],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_the_voting_window_options_are_checked_in_french(tmp_path: Path) -> None:
    """A date the portal cannot read, or a closing before the opening: status 2, said."""
    db = ("--db", str(tmp_path / "p.sqlite3"))
    illisible = _simulateur(*db, "--ouverture-vote", "jeudi matin")
    assert illisible.returncode == 2 and "n'est pas une date" in illisible.stderr
    a_l_envers = _simulateur(
        *db, "--ouverture-vote", "2026-12-10 17:00", "--cloture-vote", "2026-12-03 10:00"
    )
    assert a_l_envers.returncode == 2 and "doit suivre --ouverture-vote" in a_l_envers.stderr


def test_a_box_holding_ballots_before_the_opening_is_refused(tmp_path: Path) -> None:
    """Sealed and voted in, then restarted with an opening still to come: the portal
    refuses to open; the same box inside the window starts (a restart mid-vote)."""
    essai = urne_essai(tmp_path)
    electeur, x = essai.electeur()
    bulletin = essai.bulletin(x)
    verifie = verifier(essai.parametres, electeur, identifiant_scrutin(CSA), bulletin)
    deposer_bulletin(essai.db, electeur, CSA, verifie, bulletin)
    db, parametres = str(essai.db.path), str(essai.publication)
    avant = _simulateur("--db", db, "--parametres", parametres, "--ouverture-vote", "dans 2 jours",
                        "--cloture-vote", "dans 9 jours")  # fmt: skip
    assert avant.returncode == 1 and "refuse d'ouvrir" in avant.stderr, avant.stderr
    ouvert = ("--ouverture-vote", "maintenant", "--cloture-vote", "dans 1 jours")
    with PortalProcess("--db", db, "--hash-cost", "fast", "--parametres", parametres,
                       *ouvert) as pendant:  # fmt: skip
        assert httpx.get(pendant.url + "/").status_code == 200
    assert "1 bulletin(s) dans l'urne" in "\n".join(pendant.lines)


def _sceller(tmp_path: Path, electeurs: int, *periode: str) -> tuple[Path, str, Path]:
    """A roll of `electeurs` « actif » voters loaded and sealed by the bureau's `sceller`
    (with its period options, if any): the roll, the database, the publication folder."""
    roll = tmp_path / "liste.csv"
    ecrire_fichier_liste(OptionsListe(count=electeurs, seed=electeurs, actif_share=1.0), roll)
    db, publication = str(tmp_path / "p.sqlite3"), tmp_path / "publication"
    scelle = subprocess.run(
        [sys.executable, "-m", "simulator", "sceller", "--db", db, "--voters", str(roll),
         "--fragments", str(tmp_path / "tiers"), "--publication", str(publication),
         "--iterations", "100", *periode],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert scelle.returncode == 0, scelle.stderr
    assert "Démonstration" in scelle.stdout and "autorite generer" in scelle.stdout
    return roll, db, publication


def test_make_run_seals_apart_then_the_portal_reads_the_parameters(tmp_path: Path) -> None:
    """The bureau's `sceller` (with the roll), then the credential authority's `generer`,
    before the portal, as `make run` does: the portal loads the roll's public credentials
    at its first start only, never shows a code de vote (the authority's `notice` does),
    and serves the published parameters byte for byte."""
    roll, db, publication = _sceller(tmp_path, 5)
    credentials = tmp_path / "autorite" / "credentials.jsonl"
    autorite = [sys.executable, "-m", "simulator", "autorite"]
    genere = subprocess.run(
        [*autorite, "generer", "--voters", str(roll), "--parametres", str(publication),
         "--sortie", str(credentials), "--processus", "1"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert genere.returncode == 0, genere.stderr
    notice = subprocess.run(
        [*autorite, "notice", "--voters", str(roll)], capture_output=True, text=True, timeout=60
    )
    assert "code de vote " in notice.stdout, notice.stderr
    code = notice.stdout.rsplit(" ", 1)[1].strip()
    args = ("--db", db, "--voters", str(roll), "--hash-cost", "fast",
            "--ouverture-vote", "maintenant", "--parametres", str(publication),
            "--credentials", str(credentials))  # fmt: skip
    with PortalProcess(*args) as premier:
        servi = httpx.get(premier.url + "/election/parametres.json").content
    with PortalProcess(*args) as second:
        pass
    sortie = "\n".join(premier.lines)
    assert "Credentials publiques vérifiées (5 électeur(s), 5 inscrite(s)" in sortie
    assert "Électeur de démonstration : identifiant " in sortie and code not in sortie
    assert "0 inscrite(s)" in "\n".join(second.lines)
    assert servi == (publication / "parametres.json").read_bytes()
    assert len(list((tmp_path / "tiers").glob("*.cle"))) == 4


def test_the_portal_takes_the_period_the_bureau_sealed(tmp_path: Path) -> None:
    """The bureau sealed a period in the parameters (what the count waits for); a portal
    started with other period options opens and closes at the sealed one, and says so,
    so that voting and counting never follow two calendars."""
    roll, db, publication = _sceller(
        tmp_path, 3, "--ouverture-vote", "2030-01-07 09:00", "--cloture-vote", "2030-01-14 18:00"
    )
    email = roll.read_text(encoding="utf-8").splitlines()[1].split(",")[3].strip().lower()
    portail = PortalProcess(
        "--db", db, "--hash-cost", "fast", "--parametres", str(publication),
        "--captcha-recette", "135790",
        "--ouverture-vote", "maintenant", "--cloture-vote", "dans 7 jours",
    )  # fmt: skip
    with portail, httpx.Client(base_url=portail.url, follow_redirects=True, timeout=30) as client:
        electeur = Portail(client)
        electeur.identify(email, "135790")
        electeur.parcours.mot_de_passe(deriver_identifiants(email, SECRET_DEMONSTRATION).password)
        vote = html.unescape(client.get("/vote").text)
    sortie = "\n".join(portail.lines)
    assert "Période de vote scellée par le bureau" in sortie, sortie
    assert "Vote : du lundi 7 janvier 2030 à 9 h 00 au lundi 14 janvier 2030 à 18 h 00" in sortie
    assert "pas encore ouvert" in vote and "7 janvier 2030" in vote, vote
    # Restarted without period options (`make run`): nothing was set aside but the
    # options' defaults, and the banner says only the sealed period.
    with PortalProcess(
        "--db", db, "--hash-cost", "fast", "--parametres", str(publication),
        "--captcha-recette", "135790",
    ) as sans_options:  # fmt: skip
        pass
    sortie = "\n".join(sans_options.lines)
    assert "Période de vote scellée par le bureau" not in sortie, sortie
    assert "Vote : du lundi 7 janvier 2030 à 9 h 00 au lundi 14 janvier 2030 à 18 h 00" in sortie
