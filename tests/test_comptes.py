"""Test accounts from a provisioned list: claims never collide, what a scenario did is
kept, an exhausted list says what is left, a bad list is refused with its line."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pytest

from fixtures.generateur import OptionsListe, ecrire_fichier_liste
from fixtures.identifiants import deriver_code_vote, deriver_identifiants
from fixtures.liste import ListeInvalide
from harnais.comptes import (
    REPLIS,
    ComptesEpuises,
    EtatCompte,
    Registre,
    etat_apres,
    etat_rendu,
)
from steps.contexte import envoie_quelque_chose
from steps.electeurs import ParListe, Retour

SECRET = "s-comptes"


def _liste(tmp_path: Path, count: int = 20, actif_share: float = 0.5) -> Path:
    chemin = tmp_path / "comptes.csv"
    ecrire_fichier_liste(OptionsListe(count=count, seed=3, actif_share=actif_share), chemin)
    return chemin


def test_an_actif_account_comes_with_its_derived_password(tmp_path: Path) -> None:
    """A list's `actif` account is handed out with the password derived from the secret."""
    registre = Registre(_liste(tmp_path), SECRET)
    electeur, _ = registre.prendre("actif")
    assert electeur.password == deriver_identifiants(electeur.email, SECRET).password
    assert electeur.answer == deriver_identifiants(electeur.email, SECRET).answer


def test_a_claimed_account_is_not_handed_out_again_until_given_back(tmp_path: Path) -> None:
    """Two claims give two accounts; given back unchanged, one can be claimed again."""
    registre = Registre(_liste(tmp_path, count=2, actif_share=1.0), SECRET)
    premier, etat = registre.prendre("actif")
    second, _ = registre.prendre("actif")
    assert premier.email != second.email
    with pytest.raises(ComptesEpuises, match="pris par un scénario"):
        registre.prendre("actif")
    registre.rendre(premier.email, etat_apres(etat, [("connexion", None)], 0.0))
    assert registre.prendre("actif")[0].email == premier.email


def _prendre_tout(args: tuple[str, str, str]) -> list[str]:
    liste, registre, besoin = args
    pris = []
    source = Registre(Path(liste), SECRET, Path(registre))
    while True:
        try:
            pris.append(source.prendre(besoin)[0].email)
        except ComptesEpuises:
            return pris


def test_processes_claiming_at_once_never_get_the_same_account(tmp_path: Path) -> None:
    """Four processes drain one list together: every account is handed out exactly once."""
    liste = _liste(tmp_path, count=120, actif_share=1.0)
    registre = tmp_path / "registre"
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        lots = pool.map(_prendre_tout, [(str(liste), str(registre), "actif")] * 4)
    tous = [email for lot in lots for email in lot]
    assert len(tous) == 120 and len(set(tous)) == 120


def test_what_a_scenario_did_is_what_the_next_run_gets(tmp_path: Path) -> None:
    """A password chosen and activated is recorded: a later claim (another Registre on the
    same files, as tomorrow's run) gets that password, never the derived one."""
    liste = _liste(tmp_path, count=1, actif_share=0.0)
    registre = Registre(liste, SECRET)
    electeur, avant = registre.prendre("reassort")
    apres = etat_apres(
        avant,
        [("reassort", None), ("initialise", "Choisi-2026-!"), ("active", "Caniche")],
        0.0,
    )
    registre.rendre(electeur.email, apres)
    lendemain = Registre(liste, SECRET)
    with pytest.raises(ComptesEpuises, match="« nouveau »"):
        lendemain.prendre("nouveau")
    repris, _ = lendemain.prendre("actif")
    # The answer chosen at activation is kept: a code de vote réassort will ask for it.
    assert (repris.email, repris.password, repris.answer) == (
        electeur.email,
        "Choisi-2026-!",
        "Caniche",
    )


@pytest.mark.parametrize(
    ("evenements", "etat", "mot_de_passe"),
    [
        ([("sans_activation", None)], "sans_activation", None),
        ([("reassort", None), ("initialise", "X-1a-long!")], "a_reinitialiser", None),
        ([("echec", None)] * 5, "verrouille", "P"),
        ([("echec", None)] * 5 + [("connexion", None)], "actif", "P"),
        ([("verrou", None)], "verrouille", "P"),
        ([], "actif", "P"),
    ],
)
def test_state_after_a_passed_scenario(
    evenements: list[tuple[str, str | None]], etat: str, mot_de_passe: str | None
) -> None:
    """What the screens showed decides the state an `actif` account is given back in."""
    apres = etat_apres(EtatCompte("actif", "P"), evenements, 1000.0)
    assert (apres.etat, apres.mot_de_passe, apres.pris) == (etat, mot_de_passe, False)


def test_a_lock_is_waited_out_and_doubles(tmp_path: Path) -> None:
    """A locked account is free again once its lock is over; the second lock is longer."""
    premier = etat_apres(EtatCompte("actif", "P"), [("verrou", None)], 0.0)
    assert premier.disponible(premier.jusqu_a - 1) is None
    assert premier.disponible(premier.jusqu_a) == "actif"
    second = etat_apres(premier, [("connexion", None), ("verrou", None)], 10_000.0)
    assert second.jusqu_a - 10_000.0 > premier.jusqu_a


def test_a_used_new_account_is_no_longer_new() -> None:
    """A `nouveau` account a scenario did anything with is never handed out as new again."""
    apres = etat_apres(EtatCompte("nouveau"), [("echec", None)], 0.0)
    assert apres.etat == "a_reinitialiser"


def test_an_exhausted_list_counts_what_is_left(tmp_path: Path) -> None:
    """No `nouveau` left: the message names the need and counts every other state."""
    registre = Registre(_liste(tmp_path, count=3, actif_share=1.0), SECRET)
    with pytest.raises(ComptesEpuises) as refus:
        registre.prendre("nouveau")
    message = str(refus.value)
    assert "« nouveau »" in message and "activé, mot de passe connu : 3" in message


def test_a_malformed_list_is_refused_with_its_line(tmp_path: Path) -> None:
    """A bad state on line 3 is refused at once, naming the file and the line."""
    liste = _liste(tmp_path, count=3)
    lignes = liste.read_text(encoding="utf-8").splitlines()
    lignes[2] = lignes[2].rsplit(",", 1)[0] + ",active"
    liste.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    with pytest.raises(ListeInvalide, match=r"ligne 3 : état « active » inconnu"):
        Registre(liste, SECRET)


def test_the_ledger_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    """It holds the passwords scenarios chose: mode 600."""
    registre = Registre(_liste(tmp_path), SECRET)
    registre.prendre("actif")
    assert registre.chemin.stat().st_mode & 0o777 == 0o600


def test_a_failed_scenario_gives_back_the_last_state_it_saw(tmp_path: Path) -> None:
    """A scenario that failed after reaching the voter space leaves the account `actif`:
    the next scenario gets it again, nothing is wasted."""
    fournisseur = ParListe(Registre(_liste(tmp_path, count=1, actif_share=1.0), SECRET))
    electeur, avant = fournisseur.prendre("actif")
    fournisseur.rendre(Retour(electeur, avant, [("connexion", None)], reussi=False))
    assert fournisseur.prendre("actif")[0].email == electeur.email


def test_an_account_whose_scenario_saw_nothing_is_never_handed_out_again(
    tmp_path: Path,
) -> None:
    """A scenario that failed before any screen of the account showed may have left it
    anywhere: it becomes `incertain`, and the exhausted list says so."""
    fournisseur = ParListe(Registre(_liste(tmp_path, count=1, actif_share=1.0), SECRET))
    electeur, avant = fournisseur.prendre("actif")
    fournisseur.rendre(Retour(electeur, avant, [], reussi=False))
    with pytest.raises(ComptesEpuises, match=r"état inconnu \(scénario en échec"):
        fournisseur.prendre("actif")


def test_an_account_nothing_was_sent_with_goes_back_as_it_was(tmp_path: Path) -> None:
    """A scenario that failed before sending anything with its account (a label of the
    home page not found) gives it back in the state it had, ready for the next one."""
    fournisseur = ParListe(Registre(_liste(tmp_path, count=1, actif_share=1.0), SECRET))
    electeur, avant = fournisseur.prendre("actif")
    fournisseur.rendre(Retour(electeur, avant, [], reussi=False, envoye=False))
    assert fournisseur.prendre("actif")[0].email == electeur.email
    verrouille = EtatCompte("verrouille", "P", verrous=2, jusqu_a=50.0, pris=True)
    rendu = etat_rendu(verrouille, [], False, 10.0, envoye=False)
    assert rendu == EtatCompte("verrouille", "P", verrous=2, jusqu_a=50.0, pris=False)
    assert etat_rendu(verrouille, [], False, 10.0, envoye=True).etat == "incertain"


@pytest.mark.parametrize(
    ("methode", "url", "envoie"),
    [
        ("GET", "http://p/portail/accueil", False),
        ("GET", "http://p/img/captcha?n=3", False),
        ("POST", "http://p/connexion/etape1", True),
        ("put", "http://p/x", True),
        ("GET", "http://p/identification?login=Jean.Dupont%40ac-reims.fr", True),
    ],
)
def test_what_counts_as_sending_something_with_the_account(
    methode: str, url: str, envoie: bool
) -> None:
    """A form posted (any method but GET or HEAD) or the address in a URL (a form sent
    by GET) may have told the portal something; reading a page did not."""
    assert envoie_quelque_chose(methode, url, "jean.dupont@ac-reims.fr") is envoie


@pytest.mark.parametrize(
    ("envoi", "attendu"),
    [
        ("mot_de_passe", (1, False, 0)),
        ("bulletin", (0, True, 0)),
        ("code_vote", (0, False, 1)),
    ],
)
def test_a_form_sent_but_unread_counts_at_its_worst(
    envoi: str, attendu: tuple[int, bool, int]
) -> None:
    """A failure between a form sent and its answer: a password refused, a ballot cast,
    a code refused, so that no later scenario trusts the account more than it should."""
    apres = etat_rendu(EtatCompte("actif", "P"), [("vu", None), ("envoi", envoi)], False, 0.0)
    assert (apres.etat, apres.echecs, apres.a_vote, apres.echecs_code) == ("actif", *attendu)


def test_seeing_a_new_account_s_screen_does_not_use_it() -> None:
    """Reaching the password page of a never-used account leaves it never-used."""
    assert etat_rendu(EtatCompte("nouveau"), [("vu", None)], False, 0.0).etat == "nouveau"


def test_the_fallback_of_a_need_activates_half_used_accounts_first(tmp_path: Path) -> None:
    """No `actif` account: `activable` hands out an account left half-way through a
    réassort before a never-used one, and never one that voted for `activable_votant`."""
    registre = Registre(_liste(tmp_path, count=3, actif_share=0.0), SECRET)
    with pytest.raises(ComptesEpuises) as refus:
        registre.prendre("actif")
    assert refus.value.besoin == "actif" and refus.value.restes["nouveau"] == 3
    assert REPLIS["actif"] == "activable" and REPLIS["votant"] == "activable_votant"
    premier, avant = registre.prendre("nouveau")
    registre.rendre(premier.email, etat_apres(avant, [("reassort", None), ("vote", None)], 0.0))
    repris, _ = registre.prendre("activable")
    assert repris.email == premier.email  # half-way first
    autre, _ = registre.prendre("activable_votant")
    assert autre.email != premier.email  # that one voted


def test_a_voter_is_handed_out_with_its_code_and_never_twice_after_voting(
    tmp_path: Path,
) -> None:
    """The code de vote derives from the list's secret, or is the one a réassort mailed;
    an account that voted or whose code is locked is no longer a `votant`."""
    liste = _liste(tmp_path, count=2, actif_share=1.0)
    registre = Registre(liste, SECRET)
    electeur, avant = registre.prendre("votant")
    assert electeur.code_vote == deriver_code_vote(electeur.email, SECRET)
    registre.rendre(electeur.email, etat_apres(avant, [("vote", None)], 0.0))
    autre, avant2 = registre.prendre("votant")
    assert autre.email != electeur.email
    registre.rendre(autre.email, etat_apres(avant2, [("code_vote", "NEUF-CODE-2026")], 0.0))
    repris, avant3 = Registre(liste, SECRET).prendre("votant")
    assert (repris.email, repris.code_vote) == (autre.email, "NEUF-CODE-2026")
    bloque = etat_apres(avant3, [("code_echec", None)] * 5, time.time())
    assert bloque.code_bloque_jusqu_a > time.time() and not bloque.votant(time.time())
    registre.rendre(repris.email, bloque)
    with pytest.raises(ComptesEpuises, match="« votant »"):
        registre.prendre("votant")
    # Both still serve a scenario that only logs in.
    assert registre.prendre("actif")[0].email in (electeur.email, autre.email)
