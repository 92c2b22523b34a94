#!/usr/bin/env bash
# Sets up what is missing, builds the release app with the Yantai sample city and
# serves it on http://127.0.0.1:8080/ (PORT=... to change).
#
# While it serves, scripts/live-status.mjs rewrites the served live status feed
# (dist/data/yantai/status.json) every 30 s, so queue figures are live and change;
# the committed public/data/yantai/status.json is old and shows as stale without it.
# The loop writes only into dist/ (Trunk does not watch it), so nothing is rebuilt;
# it is stopped when the server stops.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
node scripts/live-status.mjs dist 30 &
live=$!
trap 'kill "$live" 2>/dev/null || true' EXIT INT TERM
trunk serve --release --port "${PORT:-8080}"
