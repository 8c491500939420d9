#!/usr/bin/env bash
# Installs Node.js and npm from Debian, unless they are already there: the content editor's tools
# (npm ci from package-lock.json; the canonical YAML writer, decap-server) run on Node 18 or newer.
set -euo pipefail
if command -v node >/dev/null && command -v npm >/dev/null; then
  exit 0
fi
echo "Installerer nodejs og npm fra Debian til redigeringsværktøjerne …"
SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "Node.js mangler, og apt-get kræver root (eller sudo)." >&2; exit 1; }
  SUDO=sudo
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
command -v npm >/dev/null || { echo "npm blev ikke installeret." >&2; exit 1; }
