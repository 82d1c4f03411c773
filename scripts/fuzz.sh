#!/usr/bin/env bash
# Fuzzes callscope's loading path (fuzz/, cargo-fuzz + libFuzzer): whatever the input, load →
# analyse → CSV must not panic, and the CSV must hold one row per stream and no NaN. Runs each
# fuzz target in turn, each for an equal share of the time.
#
#   ./scripts/fuzz.sh                 10 minutes in all, libFuzzer's progress on the terminal
#   ./scripts/fuzz.sh SECONDS         SECONDS in all
#   ./scripts/fuzz.sh --quiet SECONDS one summary line per target (the stage in scripts/test.sh)
#   ./scripts/fuzz.sh SECONDS TARGET  only that target (load or load_wrapped), for all the time
#
# Needs cargo-fuzz (./scripts/setup.sh --test installs it) and only the stable toolchain: it
# builds with --sanitizer none, which uses no unstable flag. callscope forbids unsafe code, so
# what there is to find is panics and broken invariants, not memory errors. The build goes to
# fuzz/target, never the main target/. Inputs that reach new code are kept in fuzz/corpus/
# (ignored by git) and start the next run; fuzz/seeds/ holds the committed starting points.
# A crash stops the run with a non-zero exit; the input is saved in fuzz/artifacts/<target>/
# and printed in base64, so that a CI log is enough to reproduce it. See FUZZING.md.
set -euo pipefail

ALL_TARGETS=(load load_wrapped)
# Seconds one input may take before libFuzzer calls it a hang; a real input takes milliseconds.
INPUT_TIMEOUT=25

quiet=false
total=600
TARGETS=()
for arg in "$@"; do
  case "$arg" in
    --quiet) quiet=true ;;
    load | load_wrapped) TARGETS+=("$arg") ;;
    -h | --help)
      sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *[!0-9]* | '')
      echo "fuzz: unknown argument '$arg' (use SECONDS, a target name, --quiet or --help)" >&2
      exit 2
      ;;
    *) total=$arg ;;
  esac
done
((${#TARGETS[@]})) || TARGETS=("${ALL_TARGETS[@]}")
per_target=$((total / ${#TARGETS[@]}))
((per_target >= 1)) || per_target=1

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

say() { printf 'fuzz: %s\n' "$*"; }
die() {
  printf 'fuzz: ERROR: %s\n' "$*" >&2
  exit 1
}

cargo fuzz --version >/dev/null 2>&1 ||
  die "cargo-fuzz is not installed; run ./scripts/setup.sh --test"

# --- build (both targets at once) ----------------------------------------------------------
# Debug assertions turn on overflow checks, so an overflow is a crash here as it is in tests.
build_flags=(--sanitizer none --debug-assertions --target-dir "$ROOT/fuzz/target")
host=$(rustc -vV | sed -n 's/^host: //p')
bin_dir="$ROOT/fuzz/target/$host/release"
say "building the fuzz targets ($(cargo fuzz --version), $(rustc --version | cut -d' ' -f1-2))"
(cd fuzz && cargo fuzz build "${build_flags[@]}")

# --- run ------------------------------------------------------------------------------------
# stat NAME LOG: a number from libFuzzer's final statistics.
stat() { sed -n "s/^stat::$1: *//p" "$2" | tail -n 1; }

# report_crash TARGET LOG: what failed, the input, and how to run it again.
report_crash() {
  local target=$1 log=$2 artifact
  artifact=$(ls -t "fuzz/artifacts/$target"/{crash,timeout,oom,leak}-* 2>/dev/null |
    head -n 1 || true)
  printf '\n'
  grep -a -m 1 -A 1 "panicked at" "$log" || tail -n 25 "$log"
  if [[ -n "$artifact" ]]; then
    say "the failing input is $artifact ($(wc -c <"$artifact") bytes); in base64:"
    base64 -w 100 "$artifact" | head -c 20000
    printf '\n'
    say "run it again: fuzz/target/$host/release/$target $artifact"
    say "then add it to tests/regressions.rs, named for what went wrong (see FUZZING.md)"
  fi
}

# merge_corpus TARGET LOG: keeps only the inputs that add coverage. libFuzzer saves every input
# that reached something new, including ones it later found smaller versions of; without this
# the corpus grows by thousands of files a run and every start reads them all.
merge_corpus() {
  local target=$1 log=$2 merged="fuzz/corpus/.$1.merging"
  rm -rf "$merged"
  mkdir -p "$merged"
  if "$bin_dir/$target" -merge=1 "$merged" "fuzz/corpus/$target" >>"$log" 2>&1; then
    rm -rf "fuzz/corpus/$target"
    mv "$merged" "fuzz/corpus/$target"
  else
    rm -rf "$merged"
    say "$target: could not merge the corpus (see $log); kept it as it was"
  fi
}

for target in "${TARGETS[@]}"; do
  mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
  # One log per run: two runs at once (a long one and the stage of test.sh) must not share one.
  log="fuzz/target/fuzz-$target-$$.log"
  args=(
    "fuzz/corpus/$target" "fuzz/seeds/$target"
    -dict=fuzz/load.dict
    -max_total_time="$per_target"
    -timeout="$INPUT_TIMEOUT"
    -print_final_stats=1
    -artifact_prefix="fuzz/artifacts/$target/"
  )
  say "$target: fuzzing for $per_target s (log: $log)"
  rc=0
  if $quiet; then
    "$bin_dir/$target" "${args[@]}" >"$log" 2>&1 || rc=$?
  else
    "$bin_dir/$target" "${args[@]}" 2>&1 | tee "$log" || rc=$?
  fi
  if ((rc != 0)); then
    report_crash "$target" "$log"
    die "$target: the fuzzer found an input that fails (exit $rc)"
  fi

  # "#123<tab>DONE cov: 7012 ft: 17003 corp: ..." is libFuzzer's last word on coverage. -a: the
  # log holds the bytes of the dictionary entries libFuzzer recommends, which may not be text.
  last=$(grep -a -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  runs=$(stat number_of_executed_units "$log")
  speed=$(stat average_exec_per_sec "$log")
  rss=$(stat peak_rss_mb "$log")
  merge_corpus "$target" "$log"
  inputs=$(find "fuzz/corpus/$target" -type f | wc -l)
  size=$(du -sh "fuzz/corpus/$target" | cut -f1)
  say "$target: $runs runs at $speed/s, coverage $cov edges / $ft features," \
    "corpus $inputs inputs ($size), peak RSS $rss MB, no crash"
  if $quiet; then
    rm -f "$log"
  fi
done
