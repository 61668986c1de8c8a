#!/usr/bin/env bash
# Makes `wrk` available for the capacity benchmark: one already on the PATH, else
# Debian's `wrk` package when running as root, else a clear error.
set -euo pipefail

if command -v wrk >/dev/null 2>&1; then echo "wrk : $(command -v wrk)"; exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "wrk : installation du paquet Debian wrk…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  echo "wrk : $(command -v wrk)"; exit 0
fi
cat >&2 <<'MSG'
erreur : wrk est introuvable et ne peut pas être installé ici.
  - le paquet Debian « wrk » demande les droits root : sudo apt-get install wrk ;
  - ou installez wrk (https://github.com/wg/wrk) et mettez-le dans le PATH.
MSG
exit 1
