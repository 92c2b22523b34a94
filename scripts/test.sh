#!/usr/bin/env bash
# Sets up what is missing and runs every test: native (core, tools), in-browser
# (wasm-bindgen-test in headless Chromium), end to end (release build, Chromium).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

echo "== native tests (emap-core, emap-tools)"
cargo test --workspace --exclude emap

echo "== in-browser tests (wasm-bindgen-test, headless Chromium)"
export CHROMEDRIVER=/usr/bin/chromedriver
# Not `-q`: it breaks wasm-bindgen-test-runner's output.
cargo test -p emap --target wasm32-unknown-unknown

echo "== release build"
trunk build --release

echo "== end-to-end tests (headless Chromium, release build)"
cd tests/e2e
node --test --test-concurrency=1 ./*.test.mjs
