#!/usr/bin/env bash
# Install (or remove) Pixop Desktop for the current user, from the unpacked bundle folder.
#
#   ./install.sh              copy this folder to ~/.local/lib/pixop-desktop, add the menu entry,
#                             the icons and ~/.local/bin/pixop-desktop
#   ./install.sh --uninstall  remove all of that (settings, logs and the queue stay)
#
# No root needed; follows the XDG base directories.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
target=$HOME/.local/lib/pixop-desktop
bin=$HOME/.local/bin/pixop-desktop
desktop=$data_home/applications/pixop-desktop.desktop
icons=$data_home/icons/hicolor

refresh() {
    command -v update-desktop-database >/dev/null && update-desktop-database -q "$data_home/applications" || true
    command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$icons" 2>/dev/null || true
}

if [[ "${1:-}" == "--uninstall" ]]; then
    rm -rf "$target" "$bin" "$desktop"
    find "$icons" -name pixop-desktop.png -path '*/apps/*' -delete 2>/dev/null || true
    refresh
    echo "Pixop Desktop removed. Your settings and logs are still in ~/.config and ~/.local/state."
    exit 0
fi

if [[ "$here" != "$target" ]]; then
    rm -rf "$target"
    mkdir -p "$(dirname "$target")"
    cp -a "$here" "$target"
fi
mkdir -p "$(dirname "$bin")" "$(dirname "$desktop")" "$icons"
ln -sf "$target/pixop-desktop" "$bin"
cp -r "$target/_internal/share/icons/hicolor/." "$icons/"
# The menu entry runs this copy by its full path: ~/.local/bin is not on every desktop's PATH.
sed "s|^Exec=pixop-desktop|Exec=\"$target/pixop-desktop\"|" \
    "$target/_internal/resources/pixop-desktop.desktop" >"$desktop"
refresh
echo "Pixop Desktop installed: find it in your applications menu, or run: pixop-desktop"
