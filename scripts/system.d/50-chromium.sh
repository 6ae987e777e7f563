#!/usr/bin/env bash
# Headless Chromium and a CJK font for `jixiao show` (issue 5): the review-page test opens
# the generated HTML in a real browser, takes a screenshot and checks the Chinese text is
# drawn (not tofu) and the confidence highlights are there. Debian's own packages only (a
# browser download of its own would fail here). Idempotent: installs only what is missing.
set -euo pipefail
want=(chromium fonts-wqy-zenhei)
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "chromium: all present"; exit 0
fi
sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
# other installers may hold the dpkg lock: wait for it rather than fail
$sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
$sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
