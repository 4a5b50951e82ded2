#!/usr/bin/env bash
# System packages the tests and fixture generators need (Debian/Ubuntu):
#   poppler-utils            pdftotext, pdftoppm: the extractor matrix (issue 9), looking at pages
#   poppler-data             CMaps for fonts that are not embedded (the reportlab renditions'
#                            HeiseiMin-W3): without it pdftotext prints nothing for them
#   libreoffice-writer-nogui soffice --headless: the docx→PDF producer (tests/fixtures/make_docx.py)
#   fonts-ipafont-mincho     IPAMincho, one font of the renditions
#   fonts-ipaexfont-mincho   IPAexMincho, the other
#   qpdf                     page ranges of a rendition
#   chromium                 headless printing of the report's XHTML: the third producer
#                            (tests/fixtures/make_chromium.py, Skia's PDF back end)
# Idempotent: does nothing when every package is installed; otherwise one apt-get update and
# one apt-get install. Needs root (or sudo) only when something is missing.
set -euo pipefail

PACKAGES=(poppler-utils poppler-data libreoffice-writer-nogui fonts-ipafont-mincho fonts-ipaexfont-mincho qpdf chromium)

missing=()
for pkg in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-system-deps: all present (${PACKAGES[*]})"
    exit 0
fi

if ! command -v apt-get >/dev/null; then
    echo "install-system-deps: missing ${missing[*]} and no apt-get here; install them with your package manager" >&2
    exit 1
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    SUDO=(sudo)
fi

echo "install-system-deps: installing ${missing[*]}"
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
