#!/usr/bin/env bash
# Runs every check of callscope, in order, and stops at the first failing stage:
#   setup --test, cargo fmt --check, clippy (native, then wasm32), native cargo test, a minute
#   of fuzzing (scripts/fuzz.sh), trunk build --release, in-browser wasm tests
#   (wasm-bindgen-test-runner + Chromium), end-to-end tests (node --test e2e/).
# Exits non-zero on failure, naming the stage. Prints each stage's elapsed time.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# In-browser tests: wasm-bindgen-test-runner (the runner in .cargo/config.toml) drives Chromium
# through chromedriver, with the extra flags from webdriver.json.
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=60

LOG=$(mktemp -t callscope-test.XXXXXX)
trap 'rm -f "$LOG"' EXIT
START=$(date +%s.%N)

elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f s", b - a }'; }

# stage NAME COMMAND...: runs COMMAND, copies its output to the log that the summary reads.
stage() {
  local name=$1
  shift
  local t0 rc=0
  t0=$(date +%s.%N)
  printf '\n==> %s: %s\n' "$name" "$*"
  "$@" 2>&1 | tee -a "$LOG" || rc=$?
  if ((rc != 0)); then
    printf '\n!!! FAILED at stage "%s" (exit %d, after %s): %s\n' "$name" "$rc" "$(elapsed "$t0")" "$*" >&2
    exit "$rc"
  fi
  printf '<== %s: ok (%s)\n' "$name" "$(elapsed "$t0")"
}

# In-browser test files: each tests/*.rs whose first line is #![cfg(target_arch = "wasm32")].
wasm_tests=()
for f in tests/*.rs; do
  [[ -f "$f" ]] || continue
  first=$(head -n 1 "$f" | tr -d ' \t\r')
  if [[ "$first" == '#![cfg(target_arch="wasm32")]' ]]; then
    wasm_tests+=(--test "$(basename "$f" .rs)")
  fi
done

stage "setup" ./scripts/setup.sh --test
stage "format" cargo fmt --all -- --check
stage "clippy" cargo clippy --all-targets -- -D warnings
# The native clippy never sees code behind cfg(target_arch = "wasm32"), the browser tests
# included: lint the wasm32 build of the library, the binary and those test files too.
stage "clippy wasm32" cargo clippy --target wasm32-unknown-unknown --lib --bins "${wasm_tests[@]}" -- -D warnings
stage "native tests" cargo test
# The loading path on inputs no test wrote (fuzz/, FUZZING.md): 30 s per fuzz target, after a
# build of its own in fuzz/target (5 to 7 min on a fresh machine, seconds when warm).
stage "fuzz" ./scripts/fuzz.sh --quiet 60
stage "release build" trunk build --release

if ((${#wasm_tests[@]})); then
  stage "browser tests" cargo test --target wasm32-unknown-unknown "${wasm_tests[@]}"
else
  printf '\n==> browser tests: no tests/*.rs starts with #![cfg(target_arch = "wasm32")]; skipped\n'
fi

stage "end-to-end tests" node --test e2e/

# One closing line that adds up every runner's counts (cargo's "test result:" lines, node's
# "# pass"/"# fail" lines).
read -r passed failed < <(awk '
  /^test result: / {
    for (i = 1; i <= NF; i++) {
      if ($(i) ~ /^passed;?$/) p += $(i - 1)
      if ($(i) ~ /^failed;?$/) f += $(i - 1)
    }
  }
  /^(# |ℹ )pass [0-9]+$/ { p += $NF }
  /^(# |ℹ )fail [0-9]+$/ { f += $NF }
  END { print p + 0, f + 0 }
' "$LOG")
if ((failed != 0 || passed == 0)); then
  printf '\n!!! FAILED: the runners reported %d passed, %d failed\n' "$passed" "$failed" >&2
  exit 1
fi
printf '\nall stages passed in %s\n' "$(elapsed "$START")"
printf 'total: %d passed, %d failed\n' "$passed" "$failed"
