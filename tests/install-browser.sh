#!/usr/bin/env bash
# Installs what the browser tests need from Debian, unless it is already there:
# chromium (the browser) and poppler-utils (pdfinfo, pdftoppm, pdftotext: the print tests read
# the PDFs chromium prints).
set -euo pipefail
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v pdftoppm >/dev/null && command -v pdfinfo >/dev/null && command -v pdftotext >/dev/null \
  || missing+=(poppler-utils)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installerer ${missing[*]} fra Debian til browsertestene …"
SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "${missing[*]} mangler, og apt-get kræver root (eller sudo)." >&2; exit 1; }
  SUDO=sudo
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
[ -x "$CHROMIUM" ] || { echo "chromium blev ikke installeret ($CHROMIUM findes ikke)." >&2; exit 1; }
command -v pdftoppm >/dev/null || { echo "poppler-utils blev ikke installeret (pdftoppm mangler)." >&2; exit 1; }
