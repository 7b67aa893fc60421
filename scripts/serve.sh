#!/usr/bin/env bash
# README command 1: install what is missing, build the web app, serve it with the default example.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_web_toolchain
build_web
PORT="${PORT:-8080}"
step "serving dist/ at http://127.0.0.1:$PORT/  (Ctrl-C to stop)"
exec node scripts/serve.mjs dist "$PORT"
