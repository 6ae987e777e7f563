#!/usr/bin/env bash
# Label Studio for the review round trip (issue 5): the real server the tests start and
# stop (scripts/labelstudio.sh). It lives in its own virtualenv because its pins (Django,
# label-studio-sdk …) must not meet the project's. Idempotent: skips when the venv already
# has these versions (note: `label-studio --version` starts a server; `version` does not).
set -euo pipefail
LS_VERSION=1.23.2
LS_SDK_VERSION=2.1.2            # the SDK version label-studio 1.23.2 itself pins; jixiao's own
                                # client (extract/review/client.py) uses the same version, pinned in
                                # pyproject.toml: change the two together
venv=${JIXIAO_LABEL_STUDIO_VENV:-}
if [ -z "$venv" ]; then
  if [ -w /opt ] || [ -d /opt/label-studio-venv ]; then venv=/opt/label-studio-venv
  else venv="$HOME/.cache/jixiao/label-studio-venv"; fi
fi
# the installed versions, read from the venv's package metadata: `label-studio version`
# would tell too, but it migrates a database first (30 s or more)
installed() {
  "$venv/bin/python" -c "import importlib.metadata as m; print(m.version('label-studio'), m.version('label-studio-sdk'))" 2>/dev/null
}
if [ -x "$venv/bin/label-studio" ] && [ "$(installed)" = "$LS_VERSION $LS_SDK_VERSION" ]; then
  echo "label-studio: $LS_VERSION present in $venv"; exit 0
fi
echo "label-studio: installing $LS_VERSION into $venv (a few minutes)"
py=${PYTHON:-python3}
mkdir -p "$(dirname "$venv")"
"$py" -m venv "$venv"
"$venv/bin/pip" install -q --no-warn-script-location --upgrade pip wheel setuptools
"$venv/bin/pip" install -q "label-studio==$LS_VERSION" "label-studio-sdk==$LS_SDK_VERSION"
[ "$(installed)" = "$LS_VERSION $LS_SDK_VERSION" ] || {
  echo "label-studio: installed, but $venv does not hold label-studio $LS_VERSION with label-studio-sdk $LS_SDK_VERSION;" \
       "remove $venv and run this script again" >&2; exit 1; }
echo "label-studio: $LS_VERSION installed in $venv"
