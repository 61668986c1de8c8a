#!/usr/bin/env bash
# Makes Dovecot available to the IMAP tests (tests/test_courrier_imap.py start one on a
# free loopback port): already there, else Debian's `dovecot-imapd` when running as
# root, else a clear error. The tests never use the system's own Dovecot service.
set -euo pipefail

if [ -x /usr/sbin/dovecot ]; then echo "Dovecot : $(/usr/sbin/dovecot --version)"; exit 0; fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Dovecot : installation du paquet Debian dovecot-imapd…"
  apt-get update -qq
  # policy-rc.d may forbid starting the system service: the tests start their own.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd >/dev/null || true
  if [ -x /usr/sbin/dovecot ]; then echo "Dovecot : $(/usr/sbin/dovecot --version)"; exit 0; fi
fi

cat >&2 <<'MSG'
erreur : Dovecot est introuvable, et les tests IMAP en ont besoin.
  - le paquet Debian « dovecot-imapd » demande les droits root : sudo apt-get install dovecot-imapd ;
  - puis relancez make test.
MSG
exit 1
