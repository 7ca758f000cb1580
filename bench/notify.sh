#!/usr/bin/env bash
# Measures `privsite notify` delivering N change notices (default 10,000) to a
# real SMTP server on loopback: aiosmtpd (tests/smtp/server.py --raw, which
# stores each accepted message as an .eml file). Each message is recorded in
# the send log and flushed to disk (fdatasync) before the next one goes out,
# as in real use, so the disk's flush latency is part of the figure. The
# server keeps its messages in /dev/shm where there is one: a real mail server
# is another machine, and its file writes on this disk would otherwise join
# every one of those flushes. Prints the median wall time of RUNS runs
# (default 3), measured with /usr/bin/time.
#
#   bench/notify.sh [N] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
runs=${2:-3}
python3 -c 'import aiosmtpd' 2>/dev/null || pip install --quiet aiosmtpd
cargo build --release --quiet
bin=$PWD/target/release/privsite
work=$(mktemp -d)
if [ -d /dev/shm ]; then store=$(mktemp -d -p /dev/shm); else store=$(mktemp -d); fi
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work" "$store"
}
trap cleanup EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "privsite $("$bin" --version | cut -d' ' -f2), $(nproc) cores, $(uname -m), aiosmtpd $(python3 -c 'import aiosmtpd; print(aiosmtpd.__version__)'), $n notices, median of $runs runs"
times=()
for run in $(seq "$runs"); do
  rm -rf "$work/site" "$store/server"
  "$bin" init "$work/site" >/dev/null 2>&1
  mkdir "$store/server"
  : >"$work/port"
  python3 tests/smtp/server.py "$store/server" --raw >"$work/port" 2>"$work/server.err" &
  server_pid=$!
  for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
  port=$(head -n1 "$work/port")
  python3 - "$work/site/subscribers.csv" "$n" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("email,language,name\n")
    for i in range(n):
        f.write(f"subscriber{i:05d}@example.com,{('de', 'en', 'sv')[i % 3]},Subscriber {i}\n")
PY
  cat >>"$work/site/privsite.toml" <<TOML

[mail]
from = "Beispiel Nordlicht GmbH <datenschutz@nordlicht.example>"
smtp = "smtp://127.0.0.1:$port"
subscribers = "subscribers.csv"
TOML
  /usr/bin/time -f "%e %M" -o "$work/time" "$bin" --root "$work/site" notify privacy-policy 2>"$work/notify.err" || {
    cat "$work/notify.err" >&2
    exit 1
  }
  read -r seconds rss <"$work/time"
  received=$(find "$store/server/msgs" -name '*.eml' | wc -l)
  if [ "$received" -ne "$n" ]; then
    echo "the server stored $received messages, not $n" >&2
    exit 1
  fi
  printf 'run %d: %.2f s, peak memory %.1f MiB, %s\n' "$run" "$seconds" "$(echo "$rss / 1024" | bc -l)" "$(tail -n1 "$work/notify.err")"
  times+=("$seconds")
  /usr/bin/time -f "%e" -o "$work/time" "$bin" --root "$work/site" notify privacy-policy 2>/dev/null
  printf '       run again (all recorded as sent, nothing sent): %.2f s\n' "$(cat "$work/time")"
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=
done
t=$(printf '%s\n' "${times[@]}" | median)
printf '%d notices delivered in %.2f s (median), %.0f per second\n' "$n" "$t" "$(echo "$n / $t" | bc -l)"
