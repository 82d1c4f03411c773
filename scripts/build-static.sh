#!/usr/bin/env bash
# Builds the release folder of callscope, dist/, ready to copy to any static web server, under
# any path (/, /tools/callscope/, …): no server-side code, no rewrite rule. See README.md,
# "Hosting".
#
#   ./scripts/build-static.sh
#
# Installs whatever is missing (scripts/setup.sh), runs `trunk build --release` (Trunk.toml
# makes every URL relative and stamps the service worker, dist/sw.js), then checks the folder:
# relative URLs only, the service worker stamped with every file, the manifest and icons there.
# Prints the build id and the files. Copy the contents of dist/ to the server; nothing else.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
DIST="$ROOT/dist"

say() { printf 'build-static: %s\n' "$*"; }
die() {
  printf 'build-static: ERROR: %s\n' "$*" >&2
  exit 1
}

case "${1:-}" in
  '') ;;
  -h | --help)
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *) die "no arguments expected (got '$1'); the folder is always dist/" ;;
esac

./scripts/setup.sh

# Trunk must find binaryen's wasm-opt (node_modules/.bin) and the wasm-bindgen that setup.sh
# installed (cargo's bin dir) before anything else on PATH.
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

say "building (trunk build --release)"
trunk build --release

# --- check the folder -----------------------------------------------------------------------
[[ -f "$DIST/index.html" ]] || die "dist/index.html is missing"
# Every src= and href= in index.html (outside comments) must be relative: no "/x", no "http…" (an absolute path
# would break under a sub-path; another origin would break offline and the CSP).
bad=$(perl -0pe 's/<!--.*?-->//gs' "$DIST/index.html" | grep -oE '(src|href)="[^"]*"' |
  grep -vE '(src|href)="\./[^"]*"' || true)
[[ -z "$bad" ]] || die "dist/index.html has URLs that are not relative: $bad"
grep -q 'data-callscope-wasm="\./' "$DIST/index.html" || die "dist/index.html does not load the .wasm relatively"
[[ -f "$DIST/sw.js" ]] || die "dist/sw.js is missing: the post_build hook in Trunk.toml did not run"
build=$(sed -n 's/^const BUILD = \/\* stamped \*\/ "\([0-9a-f]*\)";$/\1/p' "$DIST/sw.js")
[[ -n "$build" ]] || die "dist/sw.js is not stamped (scripts/stamp-sw.mjs)"
for f in manifest.webmanifest icons/icon-192.png icons/icon-512.png icons/icon.svg boot.js; do
  [[ -f "$DIST/$f" ]] || die "dist/$f is missing"
done
# Every file of the folder is in the service worker's list (and so works offline).
while IFS= read -r f; do
  [[ "$f" == sw.js ]] && continue
  [[ "$f" == index.html ]] && f=./
  grep -qF "\"$f\"" "$DIST/sw.js" || die "dist/sw.js does not list $f"
done < <(cd "$DIST" && find . -type f ! -path '*/.*' | sed 's|^\./||' | sort)

say "dist/ is ready: build $build"
(cd "$DIST" && find . -type f ! -path '*/.*' | sed 's|^\./|  |' | sort | while IFS= read -r f; do
  printf '%s  %s bytes\n' "$f" "$(stat -c %s "$DIST/${f#  }")"
done)
say "copy the contents of dist/ to the server's folder (README.md, \"Hosting\")"
