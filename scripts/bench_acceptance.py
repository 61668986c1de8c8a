"""Benchmark of the acceptance suite: wall time serial versus parallel (pytest-xdist), and
the median time per scenario, measured in the same run on this machine.

    .venv/bin/python scripts/bench_acceptance.py [--workers 2]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from fixtures.arguments import entier_positif

ROOT = Path(__file__).resolve().parent.parent


def run_suite(workers: int, junit: Path) -> float:
    """Run every scenario with this many xdist workers (0: in-process); return wall seconds."""
    started = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "features",
            "-q",
            "-p",
            "no:cacheprovider",
            "-n",
            str(workers),
            f"--junitxml={junit}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-3000:])
        raise SystemExit(f"la suite a échoué avec -n {workers}")
    return elapsed


def scenario_times(junit: Path) -> list[float]:
    """Per-scenario durations recorded in a JUnit XML file."""
    return [float(case.get("time", "0")) for case in ET.parse(junit).getroot().iter("testcase")]


def main() -> int:
    """Run the suite twice and print the figures."""
    parser = argparse.ArgumentParser(
        description="Durée de la suite d'acceptation en série puis sur plusieurs processus "
        "(pytest-xdist), et durée médiane d'un scénario, mesurées dans la même exécution.",
    )
    parser.add_argument(
        "--workers",
        type=entier_positif,
        default=2,
        help="processus xdist de la seconde exécution (défaut : %(default)s)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        serial_xml, parallel_xml = Path(tmp) / "serie.xml", Path(tmp) / "parallele.xml"
        print("Suite en série…", flush=True)
        serial = run_suite(0, serial_xml)
        print(f"Suite sur {args.workers} processus…", flush=True)
        parallel = run_suite(args.workers, parallel_xml)
        times = scenario_times(serial_xml)
    print()
    print(f"scénarios                         : {len(times)}")
    print(f"durée murale en série             : {serial:6.1f} s")
    print(f"durée murale sur {args.workers} processus      : {parallel:6.1f} s")
    print(f"accélération (série / parallèle)  : {serial / parallel:6.2f}x")
    print(f"durée médiane d'un scénario       : {statistics.median(times):6.2f} s")
    print(f"scénario le plus long             : {max(times):6.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
