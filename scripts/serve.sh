#!/usr/bin/env bash
# Installs whatever is missing (scripts/setup.sh), then builds callscope in release mode and
# serves it on http://127.0.0.1:$PORT (default 8080), printing the URL once it answers.
# Extra arguments go to `trunk serve`. Ctrl-C stops it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
PORT="${PORT:-8080}"
[[ "$PORT" =~ ^[0-9]+$ ]] || { echo "serve: PORT must be a number, got '$PORT'" >&2; exit 2; }

port_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }
if port_answers; then
  echo "serve: something already listens on 127.0.0.1:$PORT; stop it or run PORT=<other> $0" >&2
  exit 1
fi

./scripts/setup.sh

# Trunk must find binaryen's wasm-opt (node_modules/.bin) and the wasm-bindgen that
# setup.sh installed (cargo's bin dir) before anything else on PATH.
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

echo "serve: building (release) and starting the server on 127.0.0.1:$PORT ..."
# --release: the optimised build (wasm-opt -Oz) that the tests check.
# --no-autoreload: Trunk's live-reload is an inline script, which the page's CSP refuses.
trunk serve --release --no-autoreload --address 127.0.0.1 --port "$PORT" "$@" &
trunk_pid=$!
# shellcheck disable=SC2317 # called by the trap
stop() { kill -TERM "$trunk_pid" 2>/dev/null || true; }
trap stop INT TERM HUP

while kill -0 "$trunk_pid" 2>/dev/null; do
  if port_answers; then
    printf '\nserve: callscope is ready, with the built-in example, at\n\n    http://127.0.0.1:%s/#example\n\n(Ctrl-C stops the server)\n\n' "$PORT"
    break
  fi
  sleep 1
done

rc=0
wait "$trunk_pid" || rc=$?
# A signal interrupts `wait`; wait again until Trunk has really exited.
while kill -0 "$trunk_pid" 2>/dev/null; do wait "$trunk_pid" || rc=$?; done
exit "$rc"
