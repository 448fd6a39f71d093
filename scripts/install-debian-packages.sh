#!/usr/bin/env bash
# Installs the Debian packages ROPA Register needs, only those that are missing.
#   scripts/install-debian-packages.sh app    runtime libraries for the desktop window
#   scripts/install-debian-packages.sh test   tools the test suite uses (pdftotext, pdftoppm, tidy,
#                                             soffice to open exported workbooks as a user would)
#   scripts/install-debian-packages.sh screenshots   a virtual display and tools to capture the window
set -euo pipefail

case "${1:-}" in
  app)  packages=(libgl1 libegl1 libx11-6 libxcursor1 libxrandr2 libxi6 libxkbcommon0 libxkbcommon-x11-0 libwayland-client0 libwayland-egl1) ;;
  test) packages=(poppler-utils tidy libreoffice-calc-nogui) ;;
  screenshots) packages=(xvfb xauth imagemagick x11-utils xdotool) ;;
  *) echo "usage: $0 app|test|screenshots" >&2; exit 2 ;;
esac

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
