#!/usr/bin/env bash
# What `make bench` needs beyond the Python packages: Debian's nginx (serves the built site
# with gzip), Debian's chromium (transfer sizes, live reload) and npm's lighthouse, installed
# into .bench/ (gitignored). Already present tools are left alone.
set -euo pipefail
cd "$(dirname "$0")/../.."
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
missing=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installerer ${missing[*]} (apt-get) …"
  if [ -n "$SUDO" ] && ! command -v sudo >/dev/null; then
    echo "apt-get kræver root (eller sudo)." >&2; exit 1
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ ! -x .bench/node_modules/.bin/lighthouse ]; then
  if command -v npm >/dev/null; then
    echo "Installerer lighthouse i .bench/ (npm) …"
    mkdir -p .bench
    npm install --prefix .bench --no-audit --no-fund --loglevel=error lighthouse \
      || echo "lighthouse kunne ikke installeres; benchmarket noterer det." >&2
  else
    echo "npm mangler; Lighthouse springes over (benchmarket noterer det)." >&2
  fi
fi
