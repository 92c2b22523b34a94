#!/usr/bin/env bash
# Sets up what is missing, builds the release app with the Yantai sample city and
# serves it on http://127.0.0.1:8080/ (PORT=... to change).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
exec trunk serve --release --port "${PORT:-8080}"
