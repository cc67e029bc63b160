#!/bin/sh
# understudy-cli keys against a real Secret Service (run by with_keyring.sh): set, list, test, delete,
# and the key (a unique random string) never appears in any output, the config, or the data folder.
set -eu
cli="$1"
config="$2"
. "$(dirname "$0")/cli_lib.sh"
key="sk-understudy-leaktest-$(random_hex 12)"

suffix="$(printf '%s' "$key" | tail -c 4)"
printf '%s\n' "$key" | "$cli" keys set acme --config "$config" >"$home/set" 2>>"$log" || fail "keys set"
cat "$home/set" >>"$log"
grep -q "key stored in the keychain (…$suffix)" "$home/set" || fail "set does not confirm with the masked suffix"
"$cli" keys list --config "$config" >"$home/list" 2>>"$log" || fail "keys list"
cat "$home/list" >>"$log"
grep -q "^acme .*set in the keychain (…$suffix)" "$home/list" || fail "list does not show the key as set"
grep -q "^sim-a .*no key needed" "$home/list" || fail "list: simulated provider"
# The key reaches the provider only in a header; the closed port makes it "unreachable", not "rejected".
if "$cli" keys test acme --config "$config" >>"$log" 2>&1; then fail "keys test should fail on a closed port"; fi
grep -q "unreachable" "$log" || fail "keys test verdict"
# Used: a request carries the key to the provider (a closed port; the simulated tier answers), with
# every log category on, so the scan below covers debug logs too.
QT_LOGGING_RULES="*.debug=true" "$cli" chat --config "$config" --prompt hello --json >"$home/used" 2>&1 ||
    fail "chat with a stored key"
cat "$home/used" >>"$log"
grep -q '"tier": "sim"' "$home/used" || fail "chat with a stored key did not fall over"
"$cli" keys delete acme --config "$config" >>"$log" 2>&1 || fail "keys delete"
"$cli" keys list --config "$config" >"$home/list2" 2>>"$log" || fail "keys list after delete"
grep -q "^acme .*no key" "$home/list2" || fail "the key is still there after delete"
# A locked keyring: storing fails with a message that says what to do, nothing lands elsewhere, and
# the chain still answers on its simulated tier.
dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets \
    org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login >/dev/null ||
    fail "could not lock the login collection"
if printf '%s\n' "$key" | "$cli" keys set acme --config "$config" >"$home/locked" 2>&1; then
    fail "keys set should fail on a locked keyring"
fi
cat "$home/locked" >>"$log"
grep -q "locked.*Unlock it" "$home/locked" || fail "locked: no message that says what to do"
"$cli" chat --config "$config" --prompt hello --json >"$home/chat" 2>>"$log" || fail "chat with a locked keyring"
grep -q '"tier": "sim"' "$home/chat" || fail "chat did not fall over to the simulated tier"
# Not stored, printed or logged anywhere but the keychain.
if grep -rqF "$key" "$log" "$home" "$config" "${XDG_DATA_HOME:-$home}/understudy" 2>/dev/null; then fail "the key leaked"; fi
echo "ok: set, list (masked), test, delete, locked; no leak"
