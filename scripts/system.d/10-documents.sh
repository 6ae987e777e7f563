#!/usr/bin/env bash
# Document tools for the readers (issue 3): LibreOffice for legacy .doc/.xls/.wps and for
# building the PDF fixtures, a CJK font (without one LibreOffice writes PDFs whose text layer
# is junk), poppler-utils (pdffonts, pdftoppm) for the fixture checks, and tesseract with
# Simplified Chinese for scanned PDFs. Idempotent: installs only what is missing.
set -euo pipefail
want=(libreoffice-writer-nogui libreoffice-calc-nogui fonts-wqy-zenhei poppler-utils tesseract-ocr tesseract-ocr-chi-sim)
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# a full libreoffice-writer/calc satisfies the nogui variants
if command -v soffice >/dev/null 2>&1; then
  missing=("${missing[@]/libreoffice-writer-nogui}"); missing=("${missing[@]/libreoffice-calc-nogui}")
fi
pkgs=()
for p in "${missing[@]}"; do [ -n "$p" ] && pkgs+=("$p"); done
if [ ${#pkgs[@]} -eq 0 ]; then
  echo "documents: all present"; exit 0
fi
sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${pkgs[@]}"
