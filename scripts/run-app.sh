#!/usr/bin/env bash
# Runs ROPA Register: installs the window libraries if missing, builds, and opens
# the last register (or a new one with the demo offered). Arguments go to `ropa`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-debian-packages.sh app
exec cargo run --release --locked -- "$@"
