#!/bin/sh
# Runs a test inside a private D-Bus session with an unlocked GNOME Keyring, as the
# Secret Service a desktop has, in a throwaway home so no real keyring is touched.
# Usage: with-keyring.sh TEST-BINARY [ARGS...]
set -eu
home=$(mktemp -d "${TMPDIR:-/tmp}/incidentdesk-keyring.XXXXXX")
trap 'rm -rf "$home"' EXIT INT TERM
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CACHE_HOME="$home/cache" \
    XDG_CONFIG_HOME="$home/config" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
status=0
dbus-run-session -- sh -c '
    printf %s incidentdesk-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec "$@"' with-keyring "$@" || status=$?
exit "$status"
