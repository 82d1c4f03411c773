#!/usr/bin/env bash
# Measures callscope's speed, memory and size, and writes the results into BENCHMARKS.md:
#   ./scripts/bench.sh              release build (trunk build --release), the generator, then the
#                                   browser benchmark (bench/run.mjs) on 1 MB, 10 MB, 50 MB and
#                                   10,000-segment records in headless Chromium
#   ./scripts/bench.sh --native     also the native benchmark (cargo bench --bench load: serde_json
#                                   against load and load + analyse on 1 MB and 10 MB)
#   ./scripts/bench.sh --no-build   use dist/ as it is
# Other arguments go to bench/run.mjs (e.g. --only 1MB,10MB, --no-write, --profile 10MB).
# Generated records are written to target/bench-data/ (not in git). About 5 minutes on a warm
# 2-core machine; the first run also compiles the generator (about 3 minutes).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

native=false
build=true
forward=()
for arg in "$@"; do
  case "$arg" in
    --native) native=true ;;
    --no-build) build=false ;;
    -h | --help)
      sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) forward+=("$arg") ;;
  esac
done

START=$(date +%s)
step() { printf '\n==> %s (%d s)\n' "$*" "$(($(date +%s) - START))"; }

step "setup"
./scripts/setup.sh
if [[ ! -x /usr/bin/chromium ]]; then
  ./scripts/setup.sh --test
fi

if $build; then
  step "release build: trunk build --release"
  trunk build --release
fi

step "generator: cargo build --release --example generate"
cargo build --release --example generate

if $native; then
  step "native benchmark: cargo bench --bench load"
  cargo bench --bench load
fi

step "browser benchmark: node bench/run.mjs ${forward[*]:-}"
node bench/run.mjs "${forward[@]}"

step "done"
