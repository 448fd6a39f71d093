#!/usr/bin/env bash
# Runs the whole test suite: installs the test tools if missing, then every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-debian-packages.sh test
cargo test --locked
