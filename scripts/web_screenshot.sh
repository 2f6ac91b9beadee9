#!/usr/bin/env bash
# Screenshot of a force's page on the findings site, for the README (docs/web-force.png).
# Needs Chromium (Debian: apt-get install chromium). Not part of `make test`.
#   bash scripts/web_screenshot.sh [FORCE] [OUTPUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."

force="${1:-Hertfordshire Constabulary}"
output="${2:-docs/web-force.png}"
port="${PORT:-8799}"
db="${FINDINGS_DB:-var/findings.db}"
chromium="$(command -v chromium || command -v chromium-browser)"

make db >/dev/null
FINDINGS_DB="$db" .venv/bin/findings-bot web --port "$port" >/dev/null 2>&1 &
site=$!
profile="$(mktemp -d)"
trap 'kill "$site" 2>/dev/null; rm -rf "$profile"' EXIT

for _ in $(seq 50); do
    curl -fs "http://127.0.0.1:$port/-/versions.json" >/dev/null && break
    sleep 0.2
done

query="$(.venv/bin/python -c 'import sys, urllib.parse; print(urllib.parse.quote_plus(sys.argv[1]))' "$force")"
sandbox=()
[ "$(id -u)" -eq 0 ] && sandbox=(--no-sandbox)  # Chromium refuses to run as root otherwise
"$chromium" --headless "${sandbox[@]}" --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
    --user-data-dir="$profile" --window-size=1280,1600 --screenshot="$output" \
    "http://127.0.0.1:$port/findings/public_findings?force=$query"
echo "wrote $output"
