#!/usr/bin/env bash
# System packages and side installs the tests need. Each file in scripts/system.d/ is one
# concern (PDF tools, Label Studio, pkuseg, browser …) and is idempotent: it checks
# before it installs, so a warm machine pays nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
for step in "$here"/system.d/*.sh; do
  [ -e "$step" ] || continue
  echo "== system: $(basename "$step")"
  bash "$step"
done
