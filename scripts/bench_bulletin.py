"""Cost of one encrypted ballot, to build (the browser, the Votant persona) and to verify
(the portal at « JE VOTE »), beside a baseline measured in the same run: one Argon2id hash
at the portal's production cost (RFC 9106's second profile: t=3, 64 MiB, p=4), which the
portal already pays at every login.

    .venv/bin/python scripts/bench_bulletin.py [--repetitions 20] [--sans-node] [--sans-chromium]

Prints, for a scrutin of 1 list and one of 7: milliseconds per ballot built and verified
in Python, and the same as a ratio of the Argon2 baseline; then the credential derivation
(PBKDF2-SHA256, the production iteration count). Then the browser module
(chiffrement/navigateur/bulletin.js) building the same ballots and deriving the same
credential, under Node and in real headless Chromium (Playwright, the Chromium the tests
launch, WebCrypto's PBKDF2 in a secure page), each action once to warm up and then
`--repetitions` times; a table sets all sides beside each other, with their ratios to
the Argon2 baseline. Medians of CPU time (Python) or wall time (Node, Chromium: one
thread each); on a shared machine, re-run and compare ratios rather than times.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from argon2 import PasswordHasher

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))

import bulletin_chromium  # noqa: E402  (beside this script)

from chiffrement.bulletin import construire_bulletin, verifier_bulletin  # noqa: E402
from chiffrement.credential import ITERATIONS_PAR_DEFAUT, deriver_secret  # noqa: E402
from fixtures.arguments import entier_positif  # noqa: E402
from tests.chiffrement_essai import ElectionEssai, creer_election  # noqa: E402

SCRUTINS = [
    {"id": "une", "nom": "Une liste", "listes": ["A"], "min": 1, "max": 1},
    {"id": "sept", "nom": "Sept listes", "listes": [f"L{i}" for i in range(7)], "min": 1, "max": 1},
]

NODE_BENCH = """
import * as B from %(module)s;
const d = JSON.parse(process.argv[1]);
const p = B.verifierParametres(d.document, d.empreinte);
const x = 12345678901234567890n;
const res = { une: [], sept: [], derivation: [] };
for (const s of ["une", "sept"]) {
  B.construireBulletin(p, s, [0], x);
  for (let i = 0; i < d.repetitions; i++) {
    const t0 = performance.now();
    B.construireBulletin(p, s, [0], x);
    res[s].push(performance.now() - t0);
  }
}
await B.deriverSecret("ABCD-EFGH-JKMN", "e", "v", d.iterations);
for (let i = 0; i < d.repetitions; i++) {
  const t0 = performance.now();
  await B.deriverSecret("ABCD-EFGH-JKMN", "e", "v", d.iterations);
  res.derivation.push(performance.now() - t0);
}
console.log(JSON.stringify(res));
"""

# (key, label) of the browser-side figures, in table order.
ACTIONS = [
    ("une", "construire, 1 liste"),
    ("sept", "construire, 7 listes"),
    ("derivation", "dérivation"),
]


def mediane_ms(action: Callable[[], object], repetitions: int) -> float:
    """Median CPU time of `action` in milliseconds (all threads of this process: Argon2's
    four lanes count; on a shared machine CPU time moves less than wall time)."""
    durees = []
    for _ in range(repetitions):
        debut = time.process_time()
        action()
        durees.append((time.process_time() - debut) * 1000)
    return statistics.median(durees)


def mesurer_node(e: ElectionEssai, repetitions: int) -> dict[str, float] | str:
    """Medians (ms) of the browser module under Node, or why it was not measured."""
    node = shutil.which("node")
    if node is None:
        return "node introuvable (apt-get install nodejs)"
    module = (RACINE / "chiffrement" / "navigateur" / "bulletin.js").as_uri()
    donnees = {
        "document": e.document,
        "empreinte": e.par.empreinte,
        "repetitions": repetitions,
        "iterations": ITERATIONS_PAR_DEFAUT,
    }
    sortie = subprocess.run(
        [
            node,
            "--input-type=module",
            "-e",
            NODE_BENCH % {"module": json.dumps(module)},
            json.dumps(donnees),
        ],
        capture_output=True,
        text=True,
    )
    if sortie.returncode != 0:
        derniere = (sortie.stderr.strip().splitlines() or ["sans message"])[-1]
        return f"échec sous Node (code {sortie.returncode}) : {derniere}"
    return {cle: statistics.median(t) for cle, t in json.loads(sortie.stdout).items()}


def mesurer_chromium(e: ElectionEssai, repetitions: int) -> dict[str, float] | str:
    """Medians (ms) of the browser module in headless Chromium, or why it was not measured."""
    try:
        m = bulletin_chromium.mesurer(
            e.document, e.par.empreinte, repetitions, ITERATIONS_PAR_DEFAUT
        )
    except bulletin_chromium.ChromiumIndisponible as erreur:
        return str(erreur)
    print(f"Chromium {m.version} ({m.executable}), sans interface")
    return {
        "une": statistics.median(m.une),
        "sept": statistics.median(m.sept),
        "derivation": statistics.median(m.derivation),
    }


def main() -> int:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--repetitions",
        type=entier_positif,
        default=20,
        help="mesures par chiffre, après une de mise en route (défaut 20)",
    )
    parser.add_argument("--sans-node", action="store_true", help="ne pas mesurer sous Node")
    parser.add_argument(
        "--sans-chromium", action="store_true", help="ne pas mesurer dans Chromium (Playwright)"
    )
    args = parser.parse_args()
    argon2 = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=4)
    base = mediane_ms(lambda: argon2.hash("mot de passe de mesure"), max(3, args.repetitions // 4))
    print(f"Référence : un hachage Argon2id de production = {base:.1f} ms de processeur")
    e = creer_election(electeurs=1, scrutins=SCRUTINS)
    secret = e.secrets_electeurs[0]
    python: dict[str, float] = {}
    for s, n in (("une", 1), ("sept", 7)):
        b = construire_bulletin(e.par, s, [0], secret)

        def construire(s: str = s) -> object:
            return construire_bulletin(e.par, s, [0], secret)

        def verifier_un(b: dict[str, object] = b) -> object:
            return verifier_bulletin(e.par, b)

        python[s] = faire = mediane_ms(construire, args.repetitions)
        verifier = mediane_ms(verifier_un, args.repetitions)
        print(
            f"{n} liste(s) : construire {faire:.1f} ms ({100 * faire / base:.1f} % d'un Argon2), "
            f"vérifier {verifier:.1f} ms ({100 * verifier / base:.1f} % d'un Argon2)"
        )
    python["derivation"] = derivation = mediane_ms(
        lambda: deriver_secret("ABCD-EFGH-JKMN", "e", "v", ITERATIONS_PAR_DEFAUT), 3
    )
    print(
        f"Dérivation de la credential (PBKDF2-SHA256, {ITERATIONS_PAR_DEFAUT} itérations) : "
        f"{derivation:.1f} ms ({100 * derivation / base:.0f} % d'un Argon2), une fois par électeur"
    )
    colonnes: dict[str, dict[str, float] | str] = {"Python (processeur)": python}
    if not args.sans_node:
        colonnes["Node (temps réel)"] = mesurer_node(e, args.repetitions)
    if not args.sans_chromium:
        colonnes["Chromium (temps réel)"] = mesurer_chromium(e, args.repetitions)
    print(f"\nMédianes, en ms et en % d'un Argon2 ({base:.0f} ms) :")
    print(f"{'':24}" + "".join(f"{nom:>24}" for nom in colonnes))
    for cle, libelle in ACTIONS:
        cases = (
            f"{m[cle]:.1f} ({100 * m[cle] / base:.1f} %)" if isinstance(m, dict) else "—"
            for m in colonnes.values()
        )
        print(f"{libelle:24}" + "".join(f"{c:>24}" for c in cases))
    for nom, m in colonnes.items():
        if isinstance(m, str):
            print(f"{nom} : non mesuré — {m}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
