#!/bin/sh
# understudy-cli alerts against a real Secret Service (run by with_keyring.sh): a webhook URL stored
# (never echoed or printed), listed masked, a test alert to a closed port retried and reported, a
# plain-http URL to another host refused; the URL's secret path appears in no output or file.
set -eu
cli="$1"
settings="$2"
. "$(dirname "$0")/cli_lib.sh"
secret="hooktoken$(random_hex 10)"

if printf 'http://hooks.example.com/%s\n' "$secret" | "$cli" alerts set-secret hook --settings "$settings" >>"$log" 2>&1; then
    fail "a plain-http URL to another host was accepted"
fi
grep -q "plain http" "$log" || fail "no reason given for the refused URL"
printf 'http://127.0.0.1:9/%s\n' "$secret" | "$cli" alerts set-secret hook --settings "$settings" >"$home/set" 2>>"$log" ||
    fail "alerts set-secret"
cat "$home/set" >>"$log"
grep -q "hook: stored in the keychain (…" "$home/set" || fail "set does not confirm with a masked suffix"
"$cli" alerts list --settings "$settings" >"$home/list" 2>>"$log" || fail "alerts list"
cat "$home/list" >>"$log"
grep -q "^hook .*webhook .*on .*error+ breaker,switch  secret set (…" "$home/list" || fail "list: the webhook sink"
grep -q "^banner .*banner" "$home/list" || fail "list: the banner"
if "$cli" alerts test hook --settings "$settings" >>"$log" 2>&1; then fail "a test to a closed port succeeded"; fi
grep -q "attempt 1 failed (connection refused); retrying" "$log" || fail "no retry reported"
grep -q "test alert not delivered: connection refused" "$log" || fail "no final verdict"
if grep -rqF "$secret" "$log" "$home" "$settings" 2>/dev/null; then fail "the webhook URL leaked"; fi
echo "ok: set-secret, list (masked), test retried; no leak"
