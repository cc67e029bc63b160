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
# The daemon forks before it owns its bus name. On a busy machine the first Secret Service call can
# come first and D-Bus activation then starts a second daemon without a login collection (seen in
# CI). Wait until the unlocked daemon answers with its login collection as the default (at most 10 s);
# NameHasOwner never activates anything.
i=0
while [ $i -lt 100 ]; do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true' &&
        dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets \
            org.freedesktop.Secret.Service.ReadAlias string:default 2>/dev/null | grep -q 'collection/login'; then
        break
    fi
    i=$((i + 1))
    sleep 0.1
done
"$@"
