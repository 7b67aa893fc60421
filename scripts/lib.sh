# Shared, idempotent install steps for podlife's two README commands.
# Each step checks what is there first, so a second run does nothing but print "ok".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

TRUNK_VERSION="0.21.14"   # the newest trunk that builds with this machine's Rust (see docs/toolchain notes)
BINARYEN_VERSION="132.0.0"

step() { printf '\n== %s\n' "$*"; }

# The wasm-bindgen CLI must equal the wasm-bindgen crate in Cargo.lock exactly.
lock_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_rust_target() {
  step "rust target wasm32-unknown-unknown"
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then echo ok; else rustup target add wasm32-unknown-unknown; fi
}

ensure_rust_lints() {
  step "rust components clippy and rustfmt"
  local have; have=$(rustup component list --installed)
  for c in clippy rustfmt; do
    if grep -q "^$c" <<<"$have"; then echo "$c ok"; else rustup component add "$c"; fi
  done
}

ensure_trunk() {
  step "trunk $TRUNK_VERSION"
  if command -v trunk >/dev/null && trunk --version | grep -q " $TRUNK_VERSION\$"; then echo ok
  else cargo install --locked trunk --version "$TRUNK_VERSION"; fi
}

ensure_wasm_bindgen() {
  local v; v="$(lock_wasm_bindgen_version)"
  step "wasm-bindgen-cli $v (= Cargo.lock)"
  if command -v wasm-bindgen >/dev/null && wasm-bindgen --version | grep -q " $v\$"; then echo ok
  else
    # Not --locked: the CLI's own lockfile pins a webpki-roots release the registry here lacks.
    cargo install wasm-bindgen-cli --version "$v" --force
  fi
}

ensure_node_packages() {
  step "node packages (binaryen's wasm-opt, playwright-core, mermaid for the export check, axe-core for accessibility)"
  if [ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/playwright-core ] && [ -d node_modules/mermaid ] && [ -d node_modules/axe-core ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then echo ok
  else npm ci --no-audit --no-fund; fi
}

ensure_chromium() {
  step "chromium + chromedriver + a CJK font for the zh-CN tests and screenshots (Debian)"
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && [ -d /usr/share/fonts/opentype/noto ] \
     && ls /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc >/dev/null 2>&1; then echo ok
  else
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver fonts-noto-cjk
  fi
}

ensure_web_toolchain() {
  ensure_rust_target
  ensure_trunk
  ensure_wasm_bindgen
  ensure_node_packages
}

build_web() {
  step "trunk build --release"
  trunk build --release
}
