"""The bureau's commands on the crypto core: `sceller --publication`, `depouiller
--publication` (refused before closing + grace, on the portal's clock), `verifier`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from chiffrement.bulletin import construire_bulletin
from chiffrement.credential import deriver_secret
from chiffrement.groupe import puissance_g, scalaire_aleatoire
from simulator.acces import comptes
from simulator.clock import Clock
from simulator.commandes.bureau_chiffre import identifiant_scrutin
from simulator.storage import Database
from simulator.storage.electeurs import electeur_par_email
from simulator.vote.credentials import inscrire_code
from simulator.vote.election import lire_ou_creer_cle_accuses
from simulator.vote.parametres_publics import charger_parametres_publics
from simulator.vote.scrutins_publics import SCRUTINS_ESSAI
from simulator.vote.tableau_public import ouvrir_tableau
from simulator.vote.urne import deposer_bulletin, verifier

ROOT = Path(__file__).resolve().parent.parent


def _commande(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simulator", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_identifiant_de_scrutin() -> None:
    """Plain, stable ids; long names keep a hash so that two never collide."""
    assert identifiant_scrutin("CSA ministériel") == "csa-ministeriel"
    long_a, long_b = "CAPD " + "x" * 60 + " A", "CAPD " + "x" * 60 + " B"
    assert identifiant_scrutin(long_a) != identifiant_scrutin(long_b)
    assert len(identifiant_scrutin(long_a)) <= 64


def test_sceller_depouiller_verifier(tmp_path: Path) -> None:
    """Sealed with the roll's scrutins; two ballots on the portal's board; counting refused
    before the closing + 30 min on the portal's clock (nothing closed nor published), done
    after from the published board; the verifier agrees, then names an altered result."""
    db, tiers, pub = tmp_path / "p.sqlite3", tmp_path / "tiers", tmp_path / "pub"
    base = Database(db)
    comptes.creer_electeur(base, "fast", state="actif")
    scelle = _commande(
        "sceller", "--db", str(db), "--fragments", str(tiers), "--publication", str(pub),
        # A period around today, whatever the day the suite runs (fixed dates would make
        # « not closed yet » false once they are past).
        "--iterations", "10", "--ouverture-vote", "maintenant", "--cloture-vote", "dans 7 jours",
    )  # fmt: skip
    assert scelle.returncode == 0, scelle.stderr
    assert "empreinte à afficher" in scelle.stdout
    par = charger_parametres_publics(base, pub)
    cle = lire_ou_creer_cle_accuses(tmp_path / "p-accuses.cle")
    ouvrir_tableau(base, par, puissance_g(cle), {s.nom: i for i, s in par.scrutins.items()}.get)
    nom = SCRUTINS_ESSAI[0]  # a voter of the test hook's first scrutin
    scrutin = identifiant_scrutin(nom)
    for _ in range(2):  # two voters, each with the credential of its code, vote for list 2
        cree = comptes.creer_electeur(base, "fast", state="actif")
        electeur = electeur_par_email(base.reader(), cree.email)
        assert electeur is not None
        inscrire_code(base, par, electeur, cree.code_vote)
        electeur = electeur_par_email(base.reader(), cree.email)
        assert electeur is not None
        x = deriver_secret(cree.code_vote, par.election, cree.email, par.iterations)
        bulletin = construire_bulletin(par, scrutin, [1], x)
        deposer_bulletin(base, electeur, nom, verifier(par, electeur, scrutin, bulletin), bulletin)
    cles = [str(tiers / n) for n in ("president.cle", "delegue-1.cle", "delegue-3.cle")]
    avant = _commande("depouiller", "--db", str(db), "--publication", str(pub), *cles)
    assert avant.returncode == 2 and "pas clos" in avant.stderr
    assert not (pub / "resultats.json").exists() and not (pub / "tableau.json").exists()
    Clock(base).advance(30 * 86400)
    compte = _commande(
        "depouiller", "--db", str(db), "--horloge-de-test", "--publication", str(pub), *cles
    )
    assert compte.returncode == 0, compte.stderr
    assert f"liste 2, {par.scrutins[scrutin].listes[1]} : 2 voix" in compte.stdout
    assert f"{nom} ({scrutin}) : 2 bulletin(s)" in compte.stdout
    verifie = _commande("verifier", str(pub))
    assert verifie.returncode == 0 and "tout tient" in verifie.stdout, verifie.stderr
    resultats = json.loads((pub / "resultats.json").read_text())
    resultats["scrutins"][scrutin]["voix"][1] = 3
    (pub / "resultats.json").write_text(json.dumps(resultats))
    faux = _commande("verifier", str(pub))
    assert faux.returncode == 1 and "resultats.json" in faux.stderr


def test_le_portail_refuse_des_parametres_changes(tmp_path: Path) -> None:
    """First start records the fingerprint; a file changed in place is refused by its own
    fingerprint, a whole new sealing by the recorded one, and the portal does not start."""
    from chiffrement import bureau
    from chiffrement.hachage import empreinte
    from simulator.vote.errors import ParametresRefuses
    from simulator.vote.parametres_publics import charger_parametres_publics
    from tests.chiffrement_essai import SCRUTINS

    base = Database(tmp_path / "p.sqlite3")
    bureau.sceller(tmp_path / "t1", tmp_path / "pub", "e", "E", SCRUTINS, 3, 10)
    premiere = charger_parametres_publics(base, tmp_path / "pub")
    assert charger_parametres_publics(base, tmp_path / "pub").empreinte == premiere.empreinte
    document = json.loads((tmp_path / "pub" / "parametres.json").read_text())
    document["cle_publique"] = puissance_g(scalaire_aleatoire()).texte()
    (tmp_path / "pub" / "parametres.json").write_text(json.dumps(document))
    with pytest.raises(ParametresRefuses, match="empreinte"):
        charger_parametres_publics(base, tmp_path / "pub")
    (tmp_path / "pub" / "parametres.empreinte").write_text(empreinte(document))
    with pytest.raises(ParametresRefuses, match="tiers"):
        charger_parametres_publics(base, tmp_path / "pub")
    bureau.sceller(tmp_path / "t2", tmp_path / "autre", "e", "E", SCRUTINS, 3, 10)
    demarrage = _commande(
        "--db", str(tmp_path / "p.sqlite3"), "--parametres", str(tmp_path / "autre"),
        "--port", "0", "--smtp-port", "0", "--mail-port", "0", "--hash-cost", "fast",
    )  # fmt: skip
    assert demarrage.returncode == 1
    assert "LES PARAMÈTRES DE L'ÉLECTION ONT CHANGÉ" in demarrage.stderr
