"""`make recette`: the whole acceptance suite, then a short load run, against the
reference portal played as a recette portal: no test hooks, a CAPTCHA bypass code,
test accounts from a provisioned list, reached by URL like a portal we did not build.

What QA does against the vendor's staging portal, rehearsed here end to end:

    .venv/bin/python scripts/recette.py [--comptes 400] [--charge-s 20] [--sans-charge]

Prints ran / passed / skipped (with each skipped scenario's reason) and the load
verdict; exits non-zero if a scenario failed or the load run missed its SLO.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from contextlib import AbstractContextManager
from pathlib import Path

from fixtures.arguments import entier_positif
from fixtures.console import stderr_progress
from fixtures.decoupage import decouper_liste
from fixtures.generateur import OptionsListe, ecrire_fichier_liste
from load.lancement import locust_command, locust_env
from simulator.commandes.demonstration import portail_et_autorite, sceller_demonstration
from simulator.commandes.process import PortalProcess

ROOT = Path(__file__).resolve().parent.parent
SECRET = "secret-de-recette"
CODE = "424242"


def portail_de_recette(db: Path, liste: Path) -> AbstractContextManager[PortalProcess]:
    """The reference portal as a recette portal: bypass code, no hooks, its own roll, its
    vote open and sealed (a recette of the vote needs one, as it needs accounts), the
    credential authority's service beside it for the réassort of the code de vote.

    No per-address limits: the suite's workers and the load run share 127.0.0.1, where a
    real recette would let its test injector through. The roll loaded and sealed apart
    first, as a bureau does, and the credentials derived by the authority (a
    demonstration: simulator/commandes/demonstration.py): the portal itself is given
    neither the roll nor its secret."""
    demonstration = sceller_demonstration(db, db.parent / "scellement", liste, SECRET)
    return portail_et_autorite(
        demonstration, liste,
        "--db", str(db), "--captcha-recette", CODE, "--hash-cost", "fast",
        "--limite-formulaires", "0", "--limite-captcha", "0",
        "--ouverture-vote", "maintenant", "--cloture-vote", "dans 1 jours",
    )  # fmt: skip


def acceptation(portail: PortalProcess, liste: Path, resultats: Path, workers: int) -> int:
    """Run every scenario against the portal by URL; return pytest's status."""
    commande = [
        sys.executable, "-m", "pytest", "features", "-p", "no:cacheprovider",
        "-n", str(workers),
        "--portail-url", portail.url, "--mail-api-url", portail.mail_api_url,
        "--portail-reference",
        "--captcha-code", CODE, "--liste", str(liste), "--secret-liste", SECRET,
        "--junitxml", str(resultats / "junit.xml"),
        "--output", str(resultats / "playwright"),
        "--screenshot", "only-on-failure", "--tracing", "retain-on-failure",
    ]  # fmt: skip
    return subprocess.run(commande, cwd=ROOT).returncode


def charge(portail: PortalProcess, liste: Path, resultats: Path, duree_s: int) -> int:
    """A short run of every persona against the portal, accounts from the list."""
    commande = locust_command(
        "parcours", portail.url, portail.mail_api_url,
        "--captcha-code", CODE, "--users", "20", "--spawn-rate", "10",
        "--run-time", f"{duree_s}s", "--parcours-s", "10",
        "--csv", str(resultats / "parcours"),
        liste=liste, secret=SECRET,
    )  # fmt: skip
    return subprocess.run(commande, cwd=ROOT, env=locust_env()).returncode


def compter(junit: Path) -> tuple[int, int, int]:
    """Scenarios ran, passed and skipped, read back from the JUnit report."""
    ran = passed = skipped = 0
    for case in ET.parse(junit).getroot().iter("testcase"):
        if case.find("skipped") is not None:
            skipped += 1
            continue
        ran += 1
        if case.find("failure") is None and case.find("error") is None:
            passed += 1
    return ran, passed, skipped


def main() -> int:
    """Play the recette end to end; return non-zero on any failure."""
    parser = argparse.ArgumentParser(
        description="Recette rejouée ici : le portail de référence démarré comme un portail "
        "de recette (sans points d'accès de test, CAPTCHA de contournement, comptes de "
        "test fournis), visé par URL par toute la suite d'acceptation puis par un court "
        "tir de charge."
    )
    parser.add_argument(
        "--comptes",
        type=entier_positif,
        default=400,
        help="comptes de test générés, moitié pour les scénarios, moitié pour la charge "
        "(défaut : %(default)s)",
    )
    parser.add_argument(
        "--part-actifs",
        type=float,
        default=0.5,
        metavar="PART",
        help="part des comptes générés déjà activés, de 0 à 1 ; 0 : rien que des comptes "
        "jamais utilisés, comme une première liste d'éditeur (défaut : %(default)s)",
    )
    parser.add_argument(
        "--charge-s", type=entier_positif, default=20, help="durée du tir (défaut : %(default)s s)"
    )
    parser.add_argument("--sans-charge", action="store_true", help="scénarios seulement")
    parser.add_argument(
        "--workers", type=entier_positif, default=2, help="processus pytest (défaut : 2)"
    )
    parser.add_argument(
        "--resultats",
        type=Path,
        default=ROOT / "results" / "recette",
        help="dossier des rapports (défaut : results/recette)",
    )
    args = parser.parse_args()
    if not 0.0 <= args.part_actifs <= 1.0:
        parser.error("--part-actifs : une part entre 0 et 1 est attendue")

    travail = ROOT / "var" / "recette"
    shutil.rmtree(travail, ignore_errors=True)  # a fresh portal: a fresh list and ledger
    args.resultats.mkdir(parents=True, exist_ok=True)
    liste = travail / "comptes.csv"
    ecrire_fichier_liste(
        OptionsListe(count=args.comptes, seed=2026, actif_share=args.part_actifs),
        liste,
        stderr_progress("Comptes de test"),
    )
    pour_scenarios, pour_charge = decouper_liste(liste, 2)
    with portail_de_recette(travail / "portail.sqlite3", liste) as portail:
        print(f"Portail de recette {portail.url}, mails {portail.mail_api_url}", flush=True)
        statut = acceptation(portail, pour_scenarios, args.resultats, args.workers)
        ran, passed, skipped = compter(args.resultats / "junit.xml")
        verdict_charge = "non jouée"
        statut_charge = 0
        if not args.sans_charge:
            statut_charge = charge(portail, pour_charge, args.resultats, args.charge_s)
            verdict_charge = "SLO tenus" if statut_charge == 0 else f"échec ({statut_charge})"
    print(
        f"Recette : {ran} scénarios exécutés, {passed} réussis, {skipped} ignorés ; "
        f"charge : {verdict_charge}. Rapports : {args.resultats}",
        flush=True,
    )
    return statut or statut_charge


if __name__ == "__main__":
    sys.exit(main())
