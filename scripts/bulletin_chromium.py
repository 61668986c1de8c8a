"""The browser module's cost in real headless Chromium, for scripts/bench_bulletin.py.

The page and the module's files are served on 127.0.0.1 (port 0) as a portal serves them
(chiffrement/fichiers_navigateur.py), so the page is a secure context and `deriverSecret`
uses WebCrypto's PBKDF2, as a voter's browser does. Chromium is the one the tests launch
(steps/browser.py: Playwright's own build if installed, else Debian's). Times are taken
inside the page with `performance.now()` (wall time, coarsened by Chromium to about
0.1 ms), so Playwright's messages are not counted.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from chiffrement.fichiers_navigateur import carte_imports, fichier_servi, manquants

PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>banc</title>
<script type="importmap">%s</script>
<script type="module">
import * as B from "/chiffrement/bulletin.js";
window.B = B;
window.pret = true;
</script></head><body></body></html>"""

# One warm-up of each action (JIT, WebCrypto's first key), then `repetitions` timed runs.
MESURE = """async ([document, empreinte, repetitions, iterations]) => {
  const p = B.verifierParametres(document, empreinte);
  const x = 12345678901234567890n;
  const res = { securise: window.isSecureContext, une: [], sept: [], derivation: [] };
  for (const s of ["une", "sept"]) {
    B.construireBulletin(p, s, [0], x);
    for (let i = 0; i < repetitions; i++) {
      const t0 = performance.now();
      B.construireBulletin(p, s, [0], x);
      res[s].push(performance.now() - t0);
    }
  }
  await B.deriverSecret("ABCD-EFGH-JKMN", "e", "v", iterations);
  for (let i = 0; i < repetitions; i++) {
    const t0 = performance.now();
    await B.deriverSecret("ABCD-EFGH-JKMN", "e", "v", iterations);
    res.derivation.push(performance.now() - t0);
  }
  return res;
}"""


class ChromiumIndisponible(RuntimeError):
    """Chromium cannot be measured here; the message says why and what to do."""


@dataclass
class MesuresChromium:
    """Per-run times in milliseconds, and what ran them."""

    version: str
    executable: str
    une: list[float]
    sept: list[float]
    derivation: list[float]


class _Service(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/":
            corps, type_ = (PAGE % carte_imports("/chiffrement")).encode(), "text/html"
        elif self.path.startswith("/chiffrement/") and (
            fichier := fichier_servi(self.path.removeprefix("/chiffrement/"))
        ):
            corps, type_ = fichier.read_bytes(), "text/javascript"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", f"{type_}; charset=utf-8")
        self.send_header("Content-Length", str(len(corps)))
        self.end_headers()
        self.wfile.write(corps)

    def log_message(self, *args: Any) -> None:
        """Quiet."""


@contextmanager
def _serveur() -> Iterator[str]:
    serveur = ThreadingHTTPServer(("127.0.0.1", 0), _Service)
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{serveur.server_address[1]}/"
    finally:
        serveur.shutdown()
        serveur.server_close()


def _chromium() -> str | None:
    """The executable the tests would launch (None: Playwright's own build), or why not."""
    try:
        from steps.browser import ChromiumIntrouvable, chromium_executable
    except ImportError as erreur:  # Playwright not installed in this environment
        raise ChromiumIndisponible(f"Playwright absent ({erreur}) : lancez make install") from None
    try:
        return chromium_executable()
    except ChromiumIntrouvable as erreur:
        raise ChromiumIndisponible(str(erreur)) from None


def mesurer(
    document: dict[str, Any], empreinte: str, repetitions: int, iterations: int
) -> MesuresChromium:
    """Build ballots (1 and 7 lists) and derive a credential in a headless Chromium page."""
    if manquants():
        raise ChromiumIndisponible(
            f"{', '.join(manquants())} manque(nt) au module du navigateur : lancez make install"
        )
    executable = _chromium()  # before Playwright starts: the lookup runs one of its own
    from playwright.sync_api import sync_playwright

    from steps.browser import CHROMIUM_ARGS

    with _serveur() as adresse, sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = navigateur.new_page()
            page.goto(adresse)
            page.wait_for_function("window.pret === true")
            res = page.evaluate(MESURE, [document, empreinte, repetitions, iterations])
            version = navigateur.version
            chemin = executable or p.chromium.executable_path
        finally:
            navigateur.close()
    if not res["securise"]:
        # WebCrypto would be missing and the derivation would be @noble's, ten times slower.
        raise ChromiumIndisponible("la page n'est pas un contexte sécurisé : mesure faussée")
    return MesuresChromium(version, chemin, res["une"], res["sept"], res["derivation"])
