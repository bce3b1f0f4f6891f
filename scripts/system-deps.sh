#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Qt (xcb) and the test session need.
# Idempotent: asks dpkg first and only calls apt-get when something is missing,
# so a second run takes a fraction of a second.
set -euo pipefail

PACKAGES=(
    # Qt's xcb platform plugin and its rendering
    libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
    libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
    libxcb-xfixes0 libxcb-shm0 libxrender1 libxi6 libsm6 libice6
    libegl1 libgl1 libopengl0 libfontconfig1 libfreetype6 libdbus-1-3 fonts-dejavu-core
    # the test session: virtual display, private D-Bus, a real Secret Service
    xvfb xauth dbus dbus-x11 gnome-keyring libsecret-tools
    # the app bundle (PyInstaller strips libraries) and the frozen-window test (find, photograph);
    # `make installer` needs only dpkg-deb, which every Debian system has (package dpkg)
    binutils x11-utils imagemagick
    # the virtualenv and general tools
    python3-venv curl
    # Pixop's own curl demo, run unchanged against the sandbox by the tests
    jq
)

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "system-deps: not a Debian/Ubuntu system; make sure these (or your system's equivalents) are installed:" >&2
    echo "  ${PACKAGES[*]}" >&2
    exit 0
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

echo "system-deps: installing ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
else
    echo "system-deps: not root and no sudo; please install: ${missing[*]}" >&2
    exit 1
fi
"${SUDO[@]}" apt-get -qq update
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
