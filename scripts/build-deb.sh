#!/usr/bin/env bash
# Builds the Debian package (target/debian/ropa-register_*.deb) with cargo-deb and
# checks that it holds the binary, the menu entry and the icon.
#   bash scripts/build-deb.sh          build and check
# Installs cargo-deb (from crates.io) and desktop-file-utils when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-deb >/dev/null || cargo install --locked cargo-deb
if ! command -v desktop-file-validate >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends desktop-file-utils
fi
desktop-file-validate assets/ropa-register.desktop
cargo deb --locked
deb=$(ls -t target/debian/ropa-register_*.deb | head -1)
contents=$(dpkg-deb --contents "$deb")
echo "$contents"
for path in ./usr/bin/ropa ./usr/share/applications/ropa-register.desktop \
            ./usr/share/icons/hicolor/scalable/apps/ropa-register.svg; do
  grep -q " $path\$" <<<"$contents" || { echo "missing from $deb: $path" >&2; exit 1; }
done
dpkg-deb --field "$deb" Package Version Depends
echo "Built $deb"
