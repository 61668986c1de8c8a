"""`make recette-tiers`: the acceptance suite and the Locust personas whose screens exist,
against a small portal of the tests' own that the harness knows only by its vocabulary
(tests/portail_tiers): other paths, field names, markup, status codes and wording, no
test hooks, a CAPTCHA bypass code, mails through SMTP to a Mailpit-shaped sink.

    .venv/bin/python scripts/recette_tiers.py [--comptes 400] [--part-actifs 0] [--charge-s 20]

Every failure must be listed in tests/portail_tiers/CONSTATS.md (harness's fault or the
portal's real gap); the run fails on a failure not listed there, and on a listed one
that now passes. Prints the counts and the duration.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import time
from pathlib import Path

# The tiers portal lives in tests/, which is not installed: the repository's root on the
# path, as pytest's rootdir puts it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fixtures.arguments import entier_positif
from fixtures.console import stderr_progress
from fixtures.decoupage import decouper_liste
from fixtures.generateur import OptionsListe, ecrire_fichier_liste
from fixtures.liste import COLONNES
from load.lancement import locust_command, locust_env
from tests.portail_tiers.constats import CHARGE, ecarts_connus, juger
from tests.portail_tiers.processus import PortailTiers

ROOT = Path(__file__).resolve().parent.parent
TIERS = ROOT / "tests" / "portail_tiers"
SECRET = "secret-du-portail-tiers"
CODE = "97531"
VOCABULAIRE = TIERS / "vocabulaire.toml"


def acceptation(portail: PortailTiers, liste: Path, resultats: Path, workers: int) -> int:
    """Every scenario against the tiers portal, by URL, with its vocabulary only."""
    commande = [
        sys.executable, "-m", "pytest", "features", "-p", "no:cacheprovider",
        "-n", str(workers),
        "--portail-url", portail.url, "--mail-api-url", portail.mail_api_url,
        "--captcha-code", CODE, "--liste", str(liste), "--secret-liste", SECRET,
        "--vocabulaire", str(VOCABULAIRE),
        "--junitxml", str(resultats / "junit.xml"),
        "--output", str(resultats / "playwright"),
        "--screenshot", "only-on-failure", "--tracing", "retain-on-failure",
    ]  # fmt: skip
    return subprocess.run(commande, cwd=ROOT).returncode


def charge(portail: PortailTiers, liste: Path, resultats: Path, duree_s: int) -> int:
    """A short Locust run of every persona the portal's profile leaves: none is named here,
    so the vocabulary's `[absences]` decides (load/profil.py), as a QA's own file would."""
    commande = locust_command(
        "parcours", portail.url, portail.mail_api_url,
        "--captcha-code", CODE, "--vocabulaire", str(VOCABULAIRE),
        "--users", "8", "--spawn-rate", "8", "--run-time", f"{duree_s}s",
        "--parcours-s", "6", "--csv", str(resultats / "parcours"),
        liste=liste, secret=SECRET,
    )  # fmt: skip
    return subprocess.run(commande, cwd=ROOT, env=locust_env()).returncode


def fixer_part_actifs(liste: Path, part: float) -> None:
    """Rewrite the `etat` column of a roll: the first `part` of its rows `actif`, the rest
    `nouveau` (the portal loads the file as rewritten: both sides agree)."""
    with liste.open(encoding="utf-8", newline="") as fichier:
        lignes = list(csv.DictReader(fichier))
    actifs = round(part * len(lignes))
    for numero, ligne in enumerate(lignes):
        ligne["etat"] = "actif" if numero < actifs else "nouveau"
    with liste.open("w", encoding="utf-8", newline="") as fichier:
        ecrivain = csv.DictWriter(fichier, fieldnames=COLONNES)
        ecrivain.writeheader()
        ecrivain.writerows(lignes)


def main() -> int:
    """Run the suite then the load against the tiers portal; non-zero on any surprise."""
    parser = argparse.ArgumentParser(
        description="La suite d'acceptation et les personas Locust contre le portail tiers "
        "(tests/portail_tiers), connu du harnais par son seul vocabulaire ; chaque échec "
        "doit figurer dans tests/portail_tiers/CONSTATS.md."
    )
    parser.add_argument(
        "--comptes", type=entier_positif, default=400,
        help="comptes de test générés, moitié scénarios, moitié charge (défaut : %(default)s)",
    )  # fmt: skip
    parser.add_argument(
        "--part-actifs", type=float, default=0.0, metavar="PART",
        help="part des comptes des scénarios déjà activés, de 0 à 1 (défaut : 0, rien que "
        "des comptes jamais utilisés, ce qu'un éditeur fournit d'abord ; ceux du tir de "
        "charge sont toujours activés pour moitié)",
    )  # fmt: skip
    parser.add_argument(
        "--charge-s", type=entier_positif, default=20, help="durée du tir (défaut : %(default)s s)"
    )
    parser.add_argument("--sans-charge", action="store_true", help="scénarios seulement")
    parser.add_argument(
        "--workers", type=entier_positif, default=2, help="processus pytest (défaut : 2)"
    )
    parser.add_argument(
        "--resultats", type=Path, default=ROOT / "results" / "recette-tiers",
        help="dossier des rapports (défaut : results/recette-tiers)",
    )  # fmt: skip
    args = parser.parse_args()
    if not 0.0 <= args.part_actifs <= 1.0:
        parser.error("--part-actifs : une part entre 0 et 1 est attendue")

    debut = time.monotonic()
    travail = ROOT / "var" / "recette-tiers"
    shutil.rmtree(travail, ignore_errors=True)  # a fresh portal: a fresh list and ledger
    args.resultats.mkdir(parents=True, exist_ok=True)
    liste = travail / "comptes.csv"
    ecrire_fichier_liste(
        OptionsListe(count=args.comptes, seed=2027, actif_share=0.5),
        liste,
        stderr_progress("Comptes de test"),
    )
    pour_scenarios, pour_charge = decouper_liste(liste, 2)
    fixer_part_actifs(pour_scenarios, args.part_actifs)
    connus = ecarts_connus(TIERS / "CONSTATS.md")
    with PortailTiers([pour_scenarios, pour_charge], SECRET, CODE) as portail:
        print(f"Portail tiers {portail.url}, mails {portail.mail_api_url}", flush=True)
        acceptation(portail, pour_scenarios, args.resultats, args.workers)
        duree_scenarios = time.monotonic() - debut
        bilan = juger(args.resultats / "junit.xml", connus)
        statut_charge = None
        if not args.sans_charge:
            statut_charge = charge(portail, pour_charge, args.resultats, args.charge_s)
    for ligne in bilan.lignes():
        print(ligne)
    sain = bilan.sain
    if statut_charge is not None:
        charge_attendue_en_echec = CHARGE in connus
        if (statut_charge != 0) != charge_attendue_en_echec:
            sain = False
            print(
                f"CHARGE : statut {statut_charge}, "
                + ("inattendu" if not charge_attendue_en_echec else "réussit désormais : "
                   "retirez sa ligne de CONSTATS.md")
            )  # fmt: skip
        else:
            print(
                f"Charge (personas laissés par le profil) : statut {statut_charge}, comme attendu"
            )
    print(
        f"Recette du portail tiers : scénarios en {duree_scenarios:.0f} s, tout compris "
        f"{time.monotonic() - debut:.0f} s. Rapports : {args.resultats}",
        flush=True,
    )
    return 0 if sain else 1


if __name__ == "__main__":
    sys.exit(main())
