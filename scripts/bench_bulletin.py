"""Cost of one encrypted ballot, to build (the browser, the Votant persona) and to verify
(the portal at « JE VOTE »), beside a baseline measured in the same run: one Argon2id hash
at the portal's production cost (RFC 9106's second profile: t=3, 64 MiB, p=4), which the
portal already pays at every login.

    .venv/bin/python scripts/bench_bulletin.py [--repetitions 20] [--sans-node]

Prints, for a scrutin of 1 list and one of 7: milliseconds per ballot built and verified
in Python, and the same as a ratio of the Argon2 baseline; then the credential derivation
(PBKDF2-SHA256, the parameters' iteration count) and, with Node, the browser module's
build time under Node (a stand-in for Chromium's, same JavaScript engine family).
Medians of CPU time (Python) or wall time (Node); on a shared machine, re-run and
compare ratios rather than times.
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

from chiffrement.bulletin import construire_bulletin, verifier_bulletin  # noqa: E402
from chiffrement.credential import ITERATIONS_PAR_DEFAUT, deriver_secret  # noqa: E402
from tests.chiffrement_essai import creer_election  # noqa: E402

SCRUTINS = [
    {"id": "une", "nom": "Une liste", "listes": ["A"], "min": 1, "max": 1},
    {"id": "sept", "nom": "Sept listes", "listes": [f"L{i}" for i in range(7)], "min": 1, "max": 1},
]

NODE_BENCH = """
import * as B from %(module)s;
const d = JSON.parse(process.argv[1]);
const p = B.verifierParametres(d.document, d.empreinte);
const x = 12345678901234567890n;
const res = {};
for (const s of ["une", "sept"]) {
  B.construireBulletin(p, s, [0], x);
  const t = [];
  for (let i = 0; i < d.repetitions; i++) {
    const t0 = performance.now();
    B.construireBulletin(p, s, [0], x);
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b); res[s] = t[Math.floor(t.length / 2)];
}
const t0 = performance.now();
await B.deriverSecret("ABCD-EFGH-JKMN", "e", "v", d.iterations);
res.derivation = performance.now() - t0;
console.log(JSON.stringify(res));
"""


def mediane_ms(action: Callable[[], object], repetitions: int) -> float:
    """Median CPU time of `action` in milliseconds (all threads of this process: Argon2's
    four lanes count; on a shared machine CPU time moves less than wall time)."""
    durees = []
    for _ in range(repetitions):
        debut = time.process_time()
        action()
        durees.append((time.process_time() - debut) * 1000)
    return statistics.median(durees)


def main() -> int:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repetitions", type=int, default=20, help="mesures par chiffre")
    parser.add_argument("--sans-node", action="store_true", help="ne pas mesurer le module JS")
    args = parser.parse_args()
    argon2 = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=4)
    base = mediane_ms(lambda: argon2.hash("mot de passe de mesure"), max(3, args.repetitions // 4))
    print(f"Référence : un hachage Argon2id de production = {base:.1f} ms de processeur")
    e = creer_election(electeurs=1, scrutins=SCRUTINS)
    secret = e.secrets_electeurs[0]
    for s, n in (("une", 1), ("sept", 7)):
        b = construire_bulletin(e.par, s, [0], secret)

        def construire(s: str = s) -> object:
            return construire_bulletin(e.par, s, [0], secret)

        def verifier_un(b: dict[str, object] = b) -> object:
            return verifier_bulletin(e.par, b)

        faire = mediane_ms(construire, args.repetitions)
        verifier = mediane_ms(verifier_un, args.repetitions)
        print(
            f"{n} liste(s) : construire {faire:.1f} ms ({100 * faire / base:.1f} % d'un Argon2), "
            f"vérifier {verifier:.1f} ms ({100 * verifier / base:.1f} % d'un Argon2)"
        )
    derivation = mediane_ms(
        lambda: deriver_secret("ABCD-EFGH-JKMN", "e", "v", ITERATIONS_PAR_DEFAUT), 3
    )
    print(
        f"Dérivation de la credential (PBKDF2-SHA256, {ITERATIONS_PAR_DEFAUT} itérations) : "
        f"{derivation:.1f} ms ({100 * derivation / base:.0f} % d'un Argon2), une fois par électeur"
    )
    node = shutil.which("node")
    if args.sans_node or node is None:
        return 0
    module = (RACINE / "chiffrement" / "navigateur" / "bulletin.js").as_uri()
    donnees = {
        "document": e.document,
        "empreinte": e.par.empreinte,
        "repetitions": args.repetitions,
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
        check=True,
    )
    mesures = json.loads(sortie.stdout)
    print(
        f"Module du navigateur sous Node : construire {mesures['une']:.1f} ms (1 liste), "
        f"{mesures['sept']:.1f} ms (7 listes) ; dérivation {mesures['derivation']:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
