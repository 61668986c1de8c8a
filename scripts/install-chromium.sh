#!/usr/bin/env bash
# Makes a Chromium available to Playwright: one already there, else Playwright's own
# download, else Debian's `chromium` package when running as root, else a clear error.
set -euo pipefail
PY=${1:-python3}

if [ -n "${CHROMIUM_PATH:-}" ]; then
  if [ -x "$CHROMIUM_PATH" ]; then echo "Chromium : $CHROMIUM_PATH (CHROMIUM_PATH)"; exit 0; fi
  echo "erreur : CHROMIUM_PATH=$CHROMIUM_PATH n'est pas un exécutable" >&2; exit 1
fi
if "$PY" -c 'import sys; from steps.browser import playwright_bundled_chromium as f; sys.exit(0 if f() else 1)' 2>/dev/null; then
  echo "Chromium : celui de Playwright"; exit 0
fi
for name in chromium chromium-browser; do
  if command -v "$name" >/dev/null 2>&1; then echo "Chromium : $(command -v "$name")"; exit 0; fi
done

echo "Chromium : essai du téléchargement de Playwright…"
if timeout 600 "$PY" -m playwright install chromium; then exit 0; fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium : téléchargement impossible, installation du paquet Debian chromium…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  echo "Chromium : $(command -v chromium)"; exit 0
fi

cat >&2 <<'MSG'
erreur : aucun Chromium pour Playwright.
  - le téléchargement de Playwright a échoué (réseau fermé ?) ;
  - le paquet Debian « chromium » demande les droits root : sudo apt-get install chromium ;
  - ou indiquez un navigateur existant : CHROMIUM_PATH=/chemin/vers/chromium make test
MSG
exit 1
