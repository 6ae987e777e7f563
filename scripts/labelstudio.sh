#!/usr/bin/env bash
# Start and stop a local Label Studio for review (used by tests/review and by people).
#
#   scripts/labelstudio.sh start [--data-dir DIR] [--port PORT]   prints the URL once /health answers
#   scripts/labelstudio.sh stop  [--data-dir DIR]                 stops the server's process group
#   scripts/labelstudio.sh status [--data-dir DIR]
#
# The server listens on 127.0.0.1 only. Its user comes from the environment, as Label Studio
# reads it: LABEL_STUDIO_USERNAME, LABEL_STUDIO_PASSWORD, LABEL_STUDIO_USER_TOKEN (the API
# token `jixiao review` then reads from LABEL_STUDIO_USER_TOKEN or LABEL_STUDIO_API_KEY).
# Tokens are never passed as arguments, so they do not show in `ps`. DIR (default
# $LABEL_STUDIO_BASE_DATA_DIR or ~/.local/share/jixiao/label-studio) keeps the database,
# server.log, server.pid and server.url. Install with scripts/system.d/40-label-studio.sh.
set -euo pipefail

cmd=${1:-}; shift || true
data_dir=${LABEL_STUDIO_BASE_DATA_DIR:-$HOME/.local/share/jixiao/label-studio}
port=8080
wait_seconds=${LABEL_STUDIO_START_TIMEOUT:-240}
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir) data_dir=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    *) echo "labelstudio.sh: unknown argument $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done

find_binary() {
  for v in "${JIXIAO_LABEL_STUDIO_VENV:-}" /opt/label-studio-venv "$HOME/.cache/jixiao/label-studio-venv"; do
    [ -n "$v" ] && [ -x "$v/bin/label-studio" ] && { echo "$v/bin/label-studio"; return 0; }
  done
  echo "labelstudio.sh: label-studio is not installed; run: bash scripts/system.d/40-label-studio.sh" >&2
  return 1
}

healthy() {  # healthy URL -> 0 when GET URL/health answers 200
  python3 - "$1" <<'EOF'
import sys, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1] + "/health", timeout=3) as r:
        sys.exit(0 if r.status == 200 else 1)
except Exception:
    sys.exit(1)
EOF
}

running() { [ -f "$data_dir/server.pid" ] && kill -0 "$(cat "$data_dir/server.pid")" 2>/dev/null; }

start() {
  local bin; bin=$(find_binary)
  mkdir -p "$data_dir"
  if running; then
    echo "labelstudio.sh: already running (pid $(cat "$data_dir/server.pid")) at $(cat "$data_dir/server.url" 2>/dev/null)" >&2
    cat "$data_dir/server.url"; return 0
  fi
  : > "$data_dir/server.log"
  # setsid: the server and its workers form one process group, which `stop` ends as a whole
  LABEL_STUDIO_BASE_DATA_DIR="$data_dir" \
  LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN=${LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN:-true} \
  SENTRY_DSN= FRONTEND_SENTRY_DSN= COLLECT_ANALYTICS=false \
    setsid "$bin" start --no-browser --internal-host 127.0.0.1 --port "$port" \
    >> "$data_dir/server.log" 2>&1 < /dev/null &
  echo $! > "$data_dir/server.pid"
  local deadline=$((SECONDS + wait_seconds)) line actual
  while [ $SECONDS -lt $deadline ]; do
    if ! running; then
      echo "labelstudio.sh: the server exited during start; last lines of $data_dir/server.log:" >&2
      tail -n 20 "$data_dir/server.log" >&2; return 1
    fi
    # Label Studio moves to another port without a word when PORT is busy: read the port it took
    line=$(grep -a -o "Starting development server at http://[^ ]*" "$data_dir/server.log" | tail -n 1 || true)
    if [ -n "$line" ]; then
      actual=${line##*:}; actual=${actual%%/*}
      if healthy "http://127.0.0.1:$actual"; then
        [ "$actual" != "$port" ] && echo "labelstudio.sh: port $port was busy; the server took $actual" >&2
        echo "http://127.0.0.1:$actual" | tee "$data_dir/server.url"
        return 0
      fi
    fi
    sleep 1
  done
  echo "labelstudio.sh: no answer on /health after $wait_seconds s; see $data_dir/server.log" >&2
  stop; return 1
}

stop() {
  if ! [ -f "$data_dir/server.pid" ]; then echo "labelstudio.sh: no server.pid in $data_dir: nothing to stop" >&2; return 0; fi
  local pid; pid=$(cat "$data_dir/server.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$data_dir/server.pid" "$data_dir/server.url"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running (pid $(cat "$data_dir/server.pid")) at $(cat "$data_dir/server.url" 2>/dev/null)"; else echo "not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status [--data-dir DIR] [--port PORT]" >&2; exit 2 ;;
esac
