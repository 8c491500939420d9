#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests, unless it is already there.
set -euo pipefail
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
echo "Installerer Debians chromium til browsertestene …"
SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "chromium mangler, og apt-get kræver root (eller sudo)." >&2; exit 1; }
  SUDO=sudo
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
[ -x "$CHROMIUM" ] || { echo "chromium blev ikke installeret ($CHROMIUM findes ikke)." >&2; exit 1; }
