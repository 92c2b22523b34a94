#!/usr/bin/env bash
# Installs whatever this project needs that the machine lacks, and nothing else.
# Idempotent: each step checks first. Debian 12, Rust by rustup, Node 20 + npm.
# Sourced by serve.sh and test.sh; also runnable on its own.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# Debian packages: the browser for tests and screenshots, and CJK fonts so
# screenshots show Chinese rather than boxes.
need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need_apt+=(fonts-noto-cjk)
# The web server the README's deploy config is for, which the e2e suite starts
# itself (tests/e2e/nginx.mjs), with the module that sends precompressed .br files.
[ -x /usr/sbin/nginx ] || need_apt+=(nginx)
dpkg -s libnginx-mod-http-brotli-static >/dev/null 2>&1 || need_apt+=(libnginx-mod-http-brotli-static)
if ((${#need_apt[@]})); then
  say "apt-get install ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  # No service started by the install (the tests start nginx on a port of their
  # own): a policy-rc.d that says no, unless the machine has one already.
  ours=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d
    ours=1
  fi
  status=0
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null || status=$?
  [ -z "$ours" ] || $SUDO rm -f /usr/sbin/policy-rc.d
  [ "$status" = 0 ] || exit "$status"
fi

# Rust: the wasm target, Trunk 0.21.x (0.22 needs a newer rustc), and
# wasm-bindgen-cli at exactly the version of the wasm-bindgen crate in Cargo.lock.
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  say "cargo install trunk 0.21 (takes a few minutes once)"
  cargo install trunk --version '~0.21' --locked
fi
WB=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/, "", $3); print $3; exit}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB" ]; then
  say "cargo install wasm-bindgen-cli =$WB"
  cargo install wasm-bindgen-cli --version "=$WB" --force
fi

# npm: Leaflet (shipped with the app) and binaryen 132's wasm-opt (Debian's 108
# produces release builds that crash at start-up); the e2e suite's packages.
npm_ci() { # dir
  if [ ! -d "$1/node_modules" ] || [ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]; then
    say "npm ci in $1"
    (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
npm_ci "$ROOT"
npm_ci "$ROOT/tests/e2e"

export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
wasm-opt --version | grep -q 'version 132' || { echo "wasm-opt 132 not found on PATH" >&2; exit 1; }
