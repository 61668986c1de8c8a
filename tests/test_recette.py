"""The acceptance suite against a portal reached by URL, without hooks, its voters drawn
from a list: successive runs share the list's ledger, a need with no account left fails
its own scenarios with what is left while the run goes on, a list of never-used accounts
serves the needs of active voters through the réassort, a malformed list stops the run
before any browser."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from fixtures.generateur import OptionsListe, ecrire_fichier_liste
from simulator.commandes.demonstration import portail_et_autorite, sceller_demonstration
from simulator.commandes.process import PortalProcess

ROOT = Path(__file__).resolve().parent.parent
SECRET = "s-recette"
CODE = "86420"

pytestmark = pytest.mark.navigateur


@contextmanager
def _portail_de_recette(dossier: Path, *etats: str) -> Iterator[tuple[PortalProcess, Path]]:
    """A reference portal in recette mode on a list of accounts in these states."""
    liste = dossier / "comptes.csv"
    ecrire_fichier_liste(OptionsListe(count=len(etats), seed=2), liste)
    entete, *lignes = liste.read_text(encoding="utf-8").splitlines()
    comptes = [
        ligne.rsplit(",", 1)[0] + f",{etat}" for ligne, etat in zip(lignes, etats, strict=True)
    ]
    liste.write_text("\n".join([entete, *comptes]) + "\n", encoding="utf-8")
    base = dossier / "p.sqlite3"
    demonstration = sceller_demonstration(base, dossier / "scellement", liste, SECRET)
    with portail_et_autorite(
        demonstration, liste,
        "--db", str(base), "--captcha-recette", CODE, "--hash-cost", "fast",
        "--ouverture-vote", "maintenant", "--cloture-vote", "dans 1 jours",
    ) as portail:  # fmt: skip
        yield portail, liste


@pytest.fixture(scope="module")
def recette(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[PortalProcess, Path]]:
    """A recette portal on a list of one `nouveau` and one `actif` account."""
    with _portail_de_recette(tmp_path_factory.mktemp("recette"), "nouveau", "actif") as lance:
        yield lance


def test_with_no_active_account_left_one_is_activated_by_the_reassort_mail(
    tmp_path: Path,
) -> None:
    """A list of new accounts only: the scenario that needs an active voter first brings
    one to that state through the réassort mail, then logs in with what it chose."""
    with _portail_de_recette(tmp_path, "nouveau") as (portail, liste):
        resultat = _pytest(portail, liste, "-k", "bon_mot_de_passe_ouvre")
        assert resultat.returncode == 0, resultat.stdout[-4000:]
        registre = liste.with_name(liste.name + ".registre").read_text(encoding="utf-8")
        dernier = json.loads(registre.splitlines()[-1])
        assert (dernier["etat"], dernier["mot_de_passe"]) == ("actif", "Aa1!" + "x" * 16)


def _pytest(
    portail: PortalProcess, liste: Path, *selection: str
) -> subprocess.CompletedProcess[str]:
    commande = [
        sys.executable, "-m", "pytest", "features", "-p", "no:cacheprovider", "-p", "no:xdist",
        "--portail-url", portail.url, "--mail-api-url", portail.mail_api_url,
        "--captcha-code", CODE, "--liste", str(liste), "--secret-liste", SECRET,
        *selection,
    ]  # fmt: skip
    return subprocess.run(commande, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_a_second_run_uses_the_states_the_first_one_left(
    recette: tuple[PortalProcess, Path],
) -> None:
    """Run 1 activates the new account with a password of its choice; the login scenarios
    that follow, in run 1 and run 2, are handed that account as the ledger says it is now
    (the first of the list) and log in with the password run 1 chose; run 2's réassort,
    with no new account left, goes to an active one."""
    portail, liste = recette
    selection = ("-k", "active_son_compte_puis_se_reconnecte or bon_mot_de_passe_ouvre")
    for essai in (1, 2):
        resultat = _pytest(portail, liste, *selection)
        assert resultat.returncode == 0, f"essai {essai}\n" + resultat.stdout[-4000:]
        assert "2 exécutés (2 réussis, 0 en échec)" in resultat.stdout
    lignes = liste.with_name(liste.name + ".registre").read_text(encoding="utf-8").splitlines()
    dernier = {ligne["email"]: ligne for ligne in map(json.loads, lignes)}
    assert len(lignes) == 8  # two claims and two returns per run
    assert [(e["etat"], e["pris"]) for e in dernier.values()] == [("actif", False)]
    assert [e["mot_de_passe"] for e in dernier.values()] == ["Aa1!xxxxxxxxxxxx"]


def test_an_exhausted_need_fails_its_scenarios_only_and_the_run_goes_on(
    recette: tuple[PortalProcess, Path],
) -> None:
    """No account is ever left « nouveau » once run 1 is over: the scenario that needs one
    fails with the counts of every state, and the scenario after it still runs."""
    portail, liste = recette
    _pytest(portail, liste, "-k", "active_son_compte_puis_se_reconnecte")
    resultat = _pytest(
        portail, liste, "-k", "sans_mot_de_passe_est_renvoyé or bon_mot_de_passe_ouvre"
    )
    assert resultat.returncode != 0
    assert "Plus aucun compte « nouveau » (jamais utilisé) libre" in resultat.stdout
    assert "activé, mot de passe connu : 2" in resultat.stdout
    assert "2 exécutés (1 réussis, 1 en échec)" in resultat.stdout, resultat.stdout[-3000:]


def test_a_voter_is_activated_first_when_the_list_holds_only_new_accounts(
    tmp_path: Path,
) -> None:
    """A list of one never-used account: the scenario that needs a voter who has not
    voted activates it through the réassort mail, then votes; the ledger knows it."""
    with _portail_de_recette(tmp_path, "nouveau") as (portail, liste):
        resultat = _pytest(portail, liste, "-k", "vote_pour_un_scrutin_et_reçoit")
        assert resultat.returncode == 0, resultat.stdout[-4000:]
        registre = liste.with_name(liste.name + ".registre").read_text(encoding="utf-8")
        dernier = json.loads(registre.splitlines()[-1])
        assert (dernier["etat"], dernier["a_vote"]) == ("actif", True)
        assert "Comptes de la liste" in resultat.stdout


def test_a_malformed_list_stops_the_run_before_any_browser(tmp_path: Path) -> None:
    """A bad line: usage error naming the line, no scenario collected, no portal needed."""
    liste = tmp_path / "comptes.csv"
    ecrire_fichier_liste(OptionsListe(count=3, seed=1), liste)
    lignes = liste.read_text(encoding="utf-8").splitlines()
    lignes[3] = lignes[3].replace("@", "")
    liste.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    resultat = subprocess.run(
        [sys.executable, "-m", "pytest", "features", "-p", "no:cacheprovider",
         "--portail-url", "http://127.0.0.1:9", "--mail-api-url", "http://127.0.0.1:9",
         "--liste", str(liste)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert resultat.returncode == 4, resultat.stdout + resultat.stderr
    assert "ligne 4 : adresse électronique" in resultat.stderr
    assert "mal formée" in resultat.stderr


def test_recette_skips_only_what_needs_hooks_or_faults_and_says_why(
    recette: tuple[PortalProcess, Path],
) -> None:
    """The tagged scenarios are skipped at collection with their reason in the report."""
    portail, liste = recette
    resultat = _pytest(portail, liste, "-m", "crochets or pannes")
    assert resultat.returncode == 0, resultat.stdout[-3000:]
    # Two need the clock (the password's lock, an expired link), two the sink's faults,
    # twelve the vote's clock or count (its window, its grace, the fingerprint after
    # counting, the closed vote's page checked for accessibility, the bureau's count
    # before and after the closing, the verifier on sound and altered files).
    resume = "Recette : 16 scénarios, 0 exécutés (0 réussis, 0 en échec), 16 ignorés"
    assert resume in resultat.stdout
    assert resultat.stdout.count("ignoré : ") == 16
    assert "Le verrou se lève au bout de quinze minutes — @crochets" in resultat.stdout
    assert "Le dépouillement est refusé avant la clôture — @reference" in resultat.stdout


@contextmanager
def _vocabulaire_faux(
    dossier: Path, vocabulaire: str, selection: tuple[str, ...], *etats: str
) -> Iterator[tuple[PortalProcess, Path, dict[str, dict[str, object]]]]:
    """Run `selection` twice on a list of accounts in `etats` with a wrong `vocabulaire`
    (every scenario fails); give the portal, the list and the ledger's last line for
    each account. An account burnt by the first run would be missing from the second."""
    mauvais = dossier / "mauvais.toml"
    mauvais.write_text(vocabulaire, encoding="utf-8")
    with _portail_de_recette(dossier, *etats) as (portail, liste):
        for _ in range(2):
            rate = _pytest(portail, liste, *selection, "--vocabulaire", str(mauvais),
                           "--attente-s", "1")  # fmt: skip
            assert "2 exécutés (0 réussis, 2 en échec)" in rate.stdout, rate.stdout[-3000:]
        lignes = liste.with_name(liste.name + ".registre").read_text(encoding="utf-8")
        dernier = {ligne["email"]: ligne for ligne in map(json.loads, lignes.splitlines())}
        yield portail, liste, dernier


def test_a_bad_vocabulary_burns_no_account(tmp_path: Path) -> None:
    """A vocabulary whose home-page link is wrong fails every scenario on its first
    screen, before anything is sent with the account: each account goes back in the
    state it had (not `incertain`), and the corrected run gets them all."""
    selection = ("-k", "bon_mot_de_passe_ouvre or sans_mot_de_passe_est_renvoyé")
    vocabulaire = '[liens]\nacceder = "ENTRER DANS LE PORTAIL"\n'
    with _vocabulaire_faux(tmp_path, vocabulaire, selection, "nouveau", "actif") as (
        portail, liste, dernier,
    ):  # fmt: skip
        assert sorted((e["etat"], e["pris"]) for e in dernier.values()) == [
            ("actif", False), ("nouveau", False),
        ]  # fmt: skip
        bon = _pytest(portail, liste, *selection)
        assert "2 exécutés (2 réussis, 0 en échec)" in bon.stdout, bon.stdout[-3000:]


def test_a_bad_vocabulary_after_the_identification_burns_no_account(tmp_path: Path) -> None:
    """A vocabulary whose password-page heading and CAPTCHA message are wrong fails the
    identification scenarios once the form is sent: an address and a CAPTCHA change
    nothing of an account, so each goes back as it was (not `incertain`)."""
    vocabulaire = (
        '[titres]\nmot_de_passe = "Entrez votre phrase secrète"\n'
        '[messages]\ncaptcha_errone = "Les chiffres sont faux"\n'
    )
    selection = ("-k", "sidentifie_et_passe or captcha_erroné_est_refusé_et_remplacé")
    with _vocabulaire_faux(tmp_path, vocabulaire, selection, "actif", "actif") as (_, _, dernier):
        # Scenarios run one after the other: the second may take the first one's account.
        assert dernier
        assert {(e["etat"], e["pris"]) for e in dernier.values()} == {("actif", False)}
