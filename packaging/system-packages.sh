#!/usr/bin/env bash
# Make sure the Debian/Ubuntu packages Hip Coach needs are present.
# Usage: packaging/system-packages.sh run|test
# Installs with apt-get when root (or with password-less sudo); otherwise
# prints the exact command to run and carries on, so `make` never stops here.
set -u
run_pkgs="libegl1 libgl1 libx11-6 libx11-xcb1 libdbus-1-3 libfontconfig1 libglib2.0-0 libxkbcommon0
 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
 libxcb-shape0 libxcb-xkb1 libxcb-randr0 libxcb-xinerama0 libpulse0 libespeak-ng1 espeak-ng"
test_pkgs="xvfb xauth sox pulseaudio pulseaudio-utils desktop-file-utils appstream dbus-daemon"
want="$run_pkgs"
[ "${1:-run}" = test ] && want="$run_pkgs $test_pkgs"

command -v dpkg-query >/dev/null 2>&1 || { echo "system-packages: not a Debian-like system; skipping apt"; exit 0; }
missing=""
for pkg in $want; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo"; else
  echo "system-packages: missing:$missing"
  echo "system-packages: run this once, then 'make' again:"
  echo "  sudo apt-get install -y$missing"
  exit 0
fi
echo "system-packages: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq || echo "system-packages: apt-get update failed; trying the install anyway"
$sudo apt-get install -y -qq --no-install-recommends $missing
