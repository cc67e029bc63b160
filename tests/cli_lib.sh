# Sourced by the CLI test scripts: a scratch folder (removed on exit) that is also XDG_CONFIG_HOME,
# a log that fail() prints, and random_hex N (N random bytes as hex, for secrets no file may hold).
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export XDG_CONFIG_HOME="$home/config"
log="$home/out.log"
fail() { echo "FAIL: $*"; cat "$log"; exit 1; }
random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }
