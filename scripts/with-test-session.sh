#!/usr/bin/env bash
# Runs a command the way the tests need it: inside a private D-Bus session with
# a real, unlocked gnome-keyring (Secret Service) and a virtual X display.
#
#   scripts/with-test-session.sh .venv/bin/python -m pytest -q
#
# The keyring lives in a throw-away XDG_DATA_HOME, so tests never touch the
# keyring of the person running them.
set -euo pipefail

if [[ "${1:-}" != "--inside-session" ]]; then
    exec dbus-run-session -- "$0" --inside-session "$@"
fi
shift

scratch=$(mktemp -d)
keyring_pid=""
cleanup() {
    if [[ -n "$keyring_pid" ]]; then
        kill "$keyring_pid" 2>/dev/null || true
        wait "$keyring_pid" 2>/dev/null || true
    fi
    rm -rf "$scratch"
}
trap cleanup EXIT

mkdir -m 700 "$scratch/runtime" "$scratch/data"
export XDG_RUNTIME_DIR="$scratch/runtime"
export XDG_DATA_HOME="$scratch/data"

# --foreground keeps the daemon our child, so we stop exactly this process.
printf '%s' "test-session-password" \
    | gnome-keyring-daemon --foreground --unlock --components=secrets >"$scratch/keyring.log" 2>&1 &
keyring_pid=$!

# Wait until the Secret Service owns its bus name (usually well under a second).
for _ in $(seq 1 100); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
            org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
            | grep -q 'boolean true'; then
        break
    fi
    if ! kill -0 "$keyring_pid" 2>/dev/null; then
        echo "with-test-session: gnome-keyring-daemon exited:" >&2
        cat "$scratch/keyring.log" >&2
        exit 1
    fi
    sleep 0.1
done

status=0
xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" "$@" || status=$?
exit "$status"
