#!/bin/sh
# Runs a command against a real Secret Service: a fresh, unlocked gnome-keyring on the current
# (private) D-Bus session. Register as: dbus-run-session -- sh with_keyring.sh <command>
set -eu
kr_data="$(mktemp -d)"
trap 'rm -rf "$kr_data"' EXIT
export XDG_DATA_HOME="$kr_data"
# --replace: an auto-activated daemon without a login collection would be useless.
# The password must be non-empty, or no login collection is created.
printf '%s' understudy-test-keyring | gnome-keyring-daemon --replace --unlock --components=secrets >/dev/null
"$@"
