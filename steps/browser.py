"""Which Chromium Playwright should launch, and with which flags on this kind of machine."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CHROMIUM_ENV = "CHROMIUM_PATH"
DEBIAN_BINARY = "/usr/lib/chromium/chromium"

# Headless in a container, as root, with no network beyond loopback: without the
# background-networking flags Chromium keeps trying to reach Google's hosts.
CHROMIUM_ARGS: list[str] = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class ChromiumIntrouvable(RuntimeError):
    """No Chromium is available to Playwright."""


def playwright_bundled_chromium() -> Path | None:
    """Playwright's own Chromium if `playwright install chromium` put one on this machine."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        path = Path(p.chromium.executable_path)
    return path if path.exists() else None


def chromium_executable() -> str | None:
    """Path to give Playwright as `executable_path`, or None to use its bundled browser."""
    explicit = os.environ.get(CHROMIUM_ENV)
    if explicit:
        if not Path(explicit).exists():
            raise ChromiumIntrouvable(f"{CHROMIUM_ENV}={explicit} : ce fichier n'existe pas.")
        return explicit
    if playwright_bundled_chromium() is not None:
        return None
    # Debian's /usr/bin/chromium is a shell wrapper that adds desktop flags; the binary
    # behind it costs about a fifth less CPU per navigation here.
    if Path(DEBIAN_BINARY).exists():
        return DEBIAN_BINARY
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    raise ChromiumIntrouvable(
        "Aucun Chromium disponible pour Playwright. Lancez `make browser` (en root, il "
        "installe le paquet Debian chromium), ou indiquez un exécutable avec "
        f"{CHROMIUM_ENV}=/chemin/vers/chromium."
    )
