#!/usr/bin/env bash
# Renders the demo register's Early Help and Sefton@work privacy notices as HTML
# and takes full-page screenshots of them into docs/screenshots/.
# Needs: chromium (apt-get install -y chromium) and ImageMagick's convert.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --bin ropa
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
target/debug/ropa demo --out "$work/demo.db" >/dev/null
shoot() { # service, file stem
  target/debug/ropa notice --db "$work/demo.db" --service "$1" --format html --today 2026-11-22 \
    --override --out "$work/$2.html" 2>/dev/null >/dev/null
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,9000 \
    --screenshot="$work/$2.png" "file://$work/$2.html" 2>/dev/null
  # Cut the empty page background below the footer: find where the content ends
  # below the banner, then keep everything above that plus a margin.
  local bottom
  bottom=$(/usr/bin/convert "$work/$2.png" -crop 1000x8800+0+200 +repage -fuzz 1% -trim -format '%[fx:page.y+h+200+40]' info:)
  /usr/bin/convert "$work/$2.png" -crop "1000x${bottom}+0+0" +repage "docs/screenshots/$2.png"
  echo "docs/screenshots/$2.png"
}
shoot "Early Help" notice-early-help
shoot "Sefton@work" notice-sefton-at-work
