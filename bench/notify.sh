#!/usr/bin/env bash
# Measures `privsite notify` delivering change notices to a real SMTP server:
# aiosmtpd (tests/smtp/server.py --raw, which stores each accepted message as
# an .eml file). Each message is recorded in the send log and flushed to disk
# (fdatasync) before its connection takes the next one, as in real use, so the
# disk's flush latency is part of the figure. The server keeps its messages in
# /dev/shm where there is one: a real mail server is another machine, and its
# file writes on this disk would otherwise join every one of those flushes.
#
#   bench/notify.sh [N] [RUNS]   N notices (default 10,000) on loopback with
#                                the default settings; median of RUNS runs
#                                (default 3), measured with /usr/bin/time
#   bench/notify.sh rtt          over a 50 ms round trip (bench/delayline.py
#                                between privsite and the server): 1,000
#                                notices over one connection and 10,000 over
#                                the default 8, each with and without
#                                PIPELINING offered by the server; one run each
#
# PRIVSITE=path/to/privsite measures that binary instead of a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c 'import aiosmtpd' 2>/dev/null || pip install --quiet aiosmtpd
if [ -z "${PRIVSITE:-}" ]; then
  cargo build --release --quiet
fi
bin=${PRIVSITE:-$PWD/target/release/privsite}
work=$(mktemp -d)
if [ -d /dev/shm ]; then store=$(mktemp -d -p /dev/shm); else store=$(mktemp -d); fi
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work" "$store"
}
trap cleanup EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Starts a helper that prints its port first; sets $port.
start() {
  local out=$1
  shift
  : >"$out"
  "$@" >"$out" 2>"$out.err" &
  pids+=($!)
  for _ in $(seq 100); do [ -s "$out" ] && break; sleep 0.1; done
  port=$(head -n1 "$out")
}

stop_all() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  pids=()
}

# One delivery of $1 notices: $2 connections, $3 extra server flags, $4 delay
# in ms each way (0: none). Prints a line and sets $seconds.
deliver() {
  local n=$1 connections=$2 flags=$3 delay=$4
  rm -rf "$work/site" "$store/server"
  "$bin" init "$work/site" >/dev/null 2>&1
  mkdir "$store/server"
  # shellcheck disable=SC2086
  start "$work/server.port" python3 tests/smtp/server.py "$store/server" --raw $flags
  if [ "$delay" -gt 0 ]; then
    start "$work/delay.port" python3 bench/delayline.py "$port" "$delay"
  fi
  python3 - "$work/site/subscribers.csv" "$n" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("email,language,name\n")
    for i in range(n):
        f.write(f"subscriber{i:07d}@example.com,{('de', 'en', 'sv')[i % 3]},Subscriber {i}\n")
PY
  # In place of the example's own [mail] table: TOML allows a table once.
  awk '/^\[/ { skip = ($0 == "[mail]") } !skip' "$work/site/privsite.toml" >"$work/privsite.toml"
  cat "$work/privsite.toml" - >"$work/site/privsite.toml" <<TOML

[mail]
from = "Beispiel Nordlicht GmbH <datenschutz@nordlicht.example>"
smtp = "smtp://127.0.0.1:$port"
subscribers = "subscribers.csv"
connections = $connections
TOML
  # v2 is the example's latest major (material) version.
  /usr/bin/time -f "%e %M" -o "$work/time" "$bin" --root "$work/site" notify privacy-policy --version 2 2>"$work/notify.err" || {
    cat "$work/notify.err" >&2
    exit 1
  }
  read -r seconds rss <"$work/time"
  received=$(find "$store/server/msgs" -name '*.eml' | wc -l)
  if [ "$received" -ne "$n" ]; then
    echo "the server stored $received messages, not $n" >&2
    exit 1
  fi
  printf '%.2f s, %.0f per second, peak memory %.1f MiB, %s\n' "$seconds" "$(echo "$n / $seconds" | bc -l)" \
    "$(echo "$rss / 1024" | bc -l)" "$(tail -n1 "$work/notify.err")"
}

versions="privsite $("$bin" --version | cut -d' ' -f2), $(nproc) cores, $(uname -m), aiosmtpd $(python3 -c 'import aiosmtpd; print(aiosmtpd.__version__)')"

if [ "${1:-}" = rtt ]; then
  echo "$versions, 50 ms round trip (25 ms each way), one run each"
  for offer in "--pipelining" ""; do
    label=${offer:+with PIPELINING}
    label=${label:-without PIPELINING}
    printf '1,000 notices, connections = 1, %s: ' "$label"
    deliver 1000 1 "$offer" 25
    stop_all
    printf '10,000 notices, connections = 8, %s: ' "$label"
    deliver 10000 8 "$offer" 25
    stop_all
  done
  exit 0
fi

n=${1:-10000}
runs=${2:-3}
echo "$versions, $n notices on loopback with PIPELINING, 8 connections, median of $runs runs"
times=()
for run in $(seq "$runs"); do
  printf 'run %d: ' "$run"
  deliver "$n" 8 --pipelining 0
  times+=("$seconds")
  /usr/bin/time -f "%e" -o "$work/time" "$bin" --root "$work/site" notify privacy-policy --version 2 2>/dev/null
  printf '       run again (all recorded as sent, nothing sent): %.2f s\n' "$(cat "$work/time")"
  stop_all
done
t=$(printf '%s\n' "${times[@]}" | median)
printf '%d notices delivered in %.2f s (median), %.0f per second\n' "$n" "$t" "$(echo "$n / $t" | bc -l)"
