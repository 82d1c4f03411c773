#!/usr/bin/env bash
# Installs whatever callscope's build and tests need and is missing; skips what is present.
#
#   ./scripts/setup.sh          build + serve tools: wasm32 target, Trunk, wasm-bindgen CLI,
#                               npm dev dependencies (wasm-opt, playwright-core), crates
#   ./scripts/setup.sh --test   the same, plus rustfmt, clippy, cargo-fuzz, Chromium, chromedriver
#
# Only package registries are used (crates.io, npm, Debian apt). Safe to run again and again;
# works unattended as root (CI=true, no stdin) and as a user with sudo.
set -euo pipefail

TRUNK_VERSION=0.21.14
CARGO_FUZZ_VERSION=0.13.2

with_test=false
for arg in "$@"; do
  case "$arg" in
    --test) with_test=true ;;
    -h | --help)
      sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "setup: unknown argument '$arg' (use --test or --help)" >&2
      exit 2
      ;;
  esac
done

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$ROOT/node_modules/.bin:$CARGO_BIN:$PATH"

say() { printf 'setup: %s\n' "$*"; }
die() {
  printf 'setup: ERROR: %s\n' "$*" >&2
  exit 1
}

for tool in rustup cargo node npm; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is not installed; install Rust (rustup) and Node.js 20+ first"
done

# --- Rust target -------------------------------------------------------------------------
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target: present"
else
  say "adding rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if $with_test; then
  missing=()
  cargo fmt --version >/dev/null 2>&1 || missing+=(rustfmt)
  cargo clippy --version >/dev/null 2>&1 || missing+=(clippy)
  if ((${#missing[@]})); then
    say "adding rustup components: ${missing[*]}"
    rustup component add "${missing[@]}"
  else
    say "rustfmt, clippy: present"
  fi
fi

# --- Trunk -------------------------------------------------------------------------------
have_trunk=$(trunk --version 2>/dev/null || true)
if [[ "$have_trunk" == "trunk $TRUNK_VERSION" ]]; then
  say "trunk $TRUNK_VERSION: present"
else
  say "installing trunk $TRUNK_VERSION (found: ${have_trunk:-none}; takes about 6 min on 2 cores)"
  # 0.21.14 is the last Trunk that builds with this Rust; --locked keeps its tested deps.
  cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi

# --- wasm-bindgen CLI (must equal Cargo.lock's wasm-bindgen, or Trunk tries to download one) --
[[ -f Cargo.lock ]] || die "Cargo.lock is missing; it pins wasm-bindgen and must be committed"
WASM_BINDGEN_VERSION=$(awk '
  $0 == "name = \"wasm-bindgen\"" { found = 1; next }
  found && /^version = / { gsub(/"/, "", $3); print $3; exit }
' Cargo.lock)
[[ -n "$WASM_BINDGEN_VERSION" ]] || die "could not read the wasm-bindgen version from Cargo.lock"
have_wb=$(wasm-bindgen --version 2>/dev/null || true)
have_runner=$(wasm-bindgen-test-runner --version 2>/dev/null || true)
if [[ "$have_wb" == "wasm-bindgen $WASM_BINDGEN_VERSION" && "$have_runner" == *" $WASM_BINDGEN_VERSION"* ]]; then
  say "wasm-bindgen-cli $WASM_BINDGEN_VERSION: present"
else
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (found: ${have_wb:-none}; takes about 2 min)"
  # Not --locked: its lockfile pins a crate version that crates.io no longer has. The fallback
  # resolver picks dependency versions that build with this rustc.
  CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS=fallback \
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# --- cargo-fuzz (the fuzz stage of scripts/test.sh; see FUZZING.md) --------------------------
if $with_test; then
  have_fuzz=$(cargo fuzz --version 2>/dev/null || true)
  if [[ -n "$have_fuzz" ]]; then
    say "$have_fuzz: present"
  else
    say "installing cargo-fuzz $CARGO_FUZZ_VERSION (takes about 1 min)"
    # 0.13.2 builds from its lock file with this stable Rust. The fuzz targets need no nightly:
    # scripts/fuzz.sh builds them with --sanitizer none, which uses no unstable flag.
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
  fi
fi

# --- npm dev dependencies (binaryen's wasm-opt, playwright-core) ---------------------------
# node_modules/.callscope-setup holds a checksum of package.json + package-lock.json, written
# after a successful install: when it matches, node_modules is what the lock file says.
npm_stamp=node_modules/.callscope-setup
npm_sum() { cat package.json package-lock.json 2>/dev/null | sha256sum | cut -d' ' -f1; }
if [[ -x node_modules/.bin/wasm-opt && -d node_modules/playwright-core &&
  "$(cat "$npm_stamp" 2>/dev/null)" == "$(npm_sum)" ]]; then
  say "npm dev dependencies: present"
else
  if [[ -f package-lock.json ]]; then
    say "installing npm dev dependencies (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  else
    say "installing npm dev dependencies (npm install: no package-lock.json yet)"
    npm install --no-audit --no-fund --loglevel=error
  fi
  npm_sum >"$npm_stamp"
fi
wasm_opt_version=$(wasm-opt --version 2>/dev/null || true)
[[ "$wasm_opt_version" == *"(version_132)"* ]] ||
  die "node_modules/.bin/wasm-opt reports '${wasm_opt_version:-nothing}', Trunk.toml expects version_132"

# --- crates (Trunk.toml has offline = true, so everything must be in the cargo cache) ------
say "fetching crates (cargo fetch --locked)"
cargo fetch --locked --quiet

# --- Chromium + chromedriver for the in-browser and end-to-end tests -----------------------
if $with_test; then
  if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
    say "chromium, chromedriver: present"
  else
    sudo=()
    if [[ $(id -u) -ne 0 ]]; then
      command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to apt-get install chromium chromium-driver"
      sudo=(sudo)
    fi
    say "installing Debian chromium + chromium-driver (apt-get)"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -q --no-install-recommends chromium chromium-driver </dev/null
  fi
  say "$(/usr/bin/chromium --version 2>/dev/null | head -n1 || echo 'chromium: version unknown')"
fi

say "ready"
