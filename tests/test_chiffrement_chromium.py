"""The browser module in real Chromium, served as a portal would (fichiers_navigateur):
the import map resolves @noble, a ballot is built in the page and checked in Python."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from playwright.sync_api import Browser

from chiffrement.bulletin import verifier_bulletin
from chiffrement.fichiers_navigateur import carte_imports, fichier_servi, manquants
from tests.chiffrement_essai import creer_election

pytestmark = pytest.mark.navigateur

PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>essai</title>
<script type="importmap">%s</script>
<script type="module">
import * as B from "/chiffrement/bulletin.js";
window.B = B;
window.pret = true;
</script></head><body></body></html>"""


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


@pytest.fixture(scope="module")
def adresse() -> Iterator[str]:
    """A tiny server on 127.0.0.1, port 0, serving the page and the module's files."""
    if manquants():
        pytest.fail(f"{', '.join(manquants())} manque(nt) : lancez make install (npm ci)")
    serveur = ThreadingHTTPServer(("127.0.0.1", 0), _Service)
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{serveur.server_address[1]}/"
    serveur.shutdown()


def test_un_bulletin_construit_dans_chromium_est_verifie(browser: Browser, adresse: str) -> None:
    """Parameters checked, credential derived, ballot built in the page; Python accepts it."""
    e = creer_election(electeurs=1)
    page = browser.new_page()
    try:
        page.goto(adresse)
        page.wait_for_function("window.pret === true")
        bulletin = page.evaluate(
            """async ([document, empreinte]) => {
                const p = B.verifierParametres(document, empreinte);
                const x = await B.deriverSecret("K7Q2-M9XP-4TZA", document.election, "v1", 10);
                return B.construireBulletin(p, "cap", [4], x);
            }""",
            [e.document, e.par.empreinte],
        )
    finally:
        page.close()
    assert verifier_bulletin(e.par, bulletin).scrutin == "cap"


def test_seuls_les_fichiers_du_module_sont_servis() -> None:
    """No path climbs out of the libraries; only .js files; unknown names are refused."""
    assert fichier_servi("bulletin.js") is not None
    assert fichier_servi("noble/curves/ed25519.js") is not None
    for chemin in (
        "noble/curves/../../../../pyproject.toml",
        "noble/curves/../../../bulletin.js",
        "noble/curves/package.json",
        "package.json",
        "noble/autre/x.js",
        "/etc/passwd",
    ):
        assert fichier_servi(chemin) is None, chemin
