#!/usr/bin/env bash
# README command 2: install the test dependencies and run every test:
#   0. lints: cargo fmt --check, cargo clippy --workspace --all-targets -D warnings
#   1. native: engine, parser, kubectl printers, CLI, app logic (cargo test --workspace)
#   2. wasm in real headless Chromium (wasm-bindgen-test), and the engine's wasm32 determinism
#   3. end to end: build the app, serve it, drive it with Playwright (playwright-core + Debian chromium)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_chromium
ensure_web_toolchain
ensure_rust_lints

step "lints: cargo fmt --check; cargo clippy --workspace --all-targets -- -D warnings"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings

step "native tests: cargo test --workspace"
cargo test --workspace

step "browser tests: cargo test --target wasm32-unknown-unknown --test web (headless Chromium)"
cargo test -p podlife-web --target wasm32-unknown-unknown --test web

step "wasm determinism: the engine's wasm32 output hashes equal the native golden (runs in Node)"
cargo test -p podlife-engine --target wasm32-unknown-unknown --test wasm_determinism

build_web

step "end-to-end tests (Playwright, headless Chromium)"
node tests/e2e/e2e.mjs
