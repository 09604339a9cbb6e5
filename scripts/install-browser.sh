#!/bin/sh
# Install Chromium and its driver for the web app's browser tests (Debian/Ubuntu; idempotent).
set -eu
if [ -x /usr/bin/chromium ]; then
  echo "chromium present: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else echo "need root (or sudo) to apt-get install chromium" >&2; exit 1; fi
fi
command -v apt-get >/dev/null 2>&1 || { echo "apt-get not found: install Chromium by hand at /usr/bin/chromium" >&2; exit 1; }
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver
/usr/bin/chromium --version
