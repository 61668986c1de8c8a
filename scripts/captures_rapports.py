"""Pictures of the reports for the README (docs/*.png), taken in Chromium from the last
runs' results: Allure (make test, make rapport), guide coverage (make couverture), journey
time per persona and Locust's own report (make load), the collapse chart (make
effondrement).

    .venv/bin/python scripts/captures_rapports.py [--resultats results] [--docs docs]
"""

from __future__ import annotations

import argparse
import functools
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

from steps.browser import CHROMIUM_ARGS, chromium_executable

ROOT = Path(__file__).resolve().parent.parent
# (report, its path under the results, the picture's name)
RAPPORTS = [
    ("Allure", "allure/index.html", "rapport-allure.png"),
    ("couverture du guide", "couverture/couverture.html", "rapport-couverture.png"),
    ("temps de parcours", "charge/ouverture_parcours.html", "rapport-parcours.png"),
    ("Locust", "charge/ouverture.html", "rapport-locust.png"),
    ("point d'effondrement", "effondrement/effondrement.html", "rapport-effondrement.png"),
]


def main() -> int:
    """Serve the results folder on 127.0.0.1 and photograph each report found."""
    parser = argparse.ArgumentParser(description="Captures des rapports pour le README.")
    parser.add_argument("--resultats", type=Path, default=ROOT / "results")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    args.docs.mkdir(parents=True, exist_ok=True)
    gestionnaire = functools.partial(SimpleHTTPRequestHandler, directory=str(args.resultats))
    serveur = ThreadingHTTPServer(("127.0.0.1", 0), gestionnaire)
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{serveur.server_address[1]}"
    manquants = 0
    # Found before Playwright starts: the lookup runs a Playwright of its own.
    executable = chromium_executable()
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = navigateur.new_page(viewport={"width": 1280, "height": 800})
        for nom, chemin, image in RAPPORTS:
            if not (args.resultats / chemin).exists():
                print(f"{nom} : {args.resultats / chemin} absent, pas de capture", file=sys.stderr)
                manquants += 1
                continue
            page.goto(f"{base}/{chemin}")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(args.docs / image))
            print(f"{nom} : {args.docs / image}")
        navigateur.close()
    serveur.shutdown()
    return 1 if manquants else 0


if __name__ == "__main__":
    sys.exit(main())
