#!/usr/bin/env bash
# Issue 6's benchmark in one command: sets up what is missing, builds the release app,
# then measures it in headless Chromium against the Leaflet + Leaflet.markercluster
# reference page (bench/national.mjs: 1k, 10k, 100k synthetic outlets and 12,440 real
# Japanese police boxes, CPU 1x and 4x), and the sample city's first results with 4x
# CPU throttling (bench/first-results.mjs). Takes about 25 minutes on 2 cores; the
# environment knobs of bench/national.mjs (RUNS, SIZES, THROTTLE, …) pass through.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
if [ ! -d bench/node_modules ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  (cd bench && npm ci --no-audit --no-fund --loglevel=error)
fi
trunk build --release
node bench/national.mjs
echo
echo "== sample city (Yantai), first results"
RUNS="${RUNS:-5}" THROTTLE=1 node bench/first-results.mjs
RUNS="${RUNS:-5}" THROTTLE=4 node bench/first-results.mjs
