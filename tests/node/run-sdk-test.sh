#!/usr/bin/env bash
# Starts `understudy-cli gateway` on a free port with the primary tier down, then drives it with the
# official OpenAI Node SDK (pinned in package.json / package-lock.json, installed with npm ci).
# Usage: run-sdk-test.sh <understudy-cli> <config> <work dir>
set -euo pipefail
cli="$1"; config="$2"; work="$3"
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$work"
cp "$here/package.json" "$here/package-lock.json" "$here/openai-sdk.mjs" "$work/"
cd "$work"
if [ ! -d node_modules/openai ]; then
    npm ci --no-audit --no-fund --silent
fi
out="$(mktemp)"
"$cli" gateway --config "$config" --listen 127.0.0.1:0 >"$out" 2>"$work/gateway.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 1 100); do
    [ -s "$out" ] && break
    sleep 0.05
done
url="$(head -n1 "$out")"
[ -n "$url" ] || { echo "the gateway did not start:"; cat "$work/gateway.log"; exit 1; }
node openai-sdk.mjs "$url"
