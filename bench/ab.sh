#!/usr/bin/env bash
# The build after a one-section release on the 30k site, for two or more
# privsite binaries interleaved: each gets its own copy of the site, and
# release after release they take turns, so that a machine that slows down
# or speeds up meanwhile weighs on each alike. Prints each binary's median
# wall time and CPU time (user + system) and all its wall times.
#
#   SITES=DIR bench/ab.sh RUNS BIN BIN...
#
# DIR holds the sites bench/engine.sh generates (`SITES=DIR bench/engine.sh`
# makes them; the 30k one is DIR/30k/privsite).
#
#   WHAT=release ...        time the release itself instead of the build after it
#   WHAT=first ...          time a first build (no output, no cache) instead
#   WHAT=each ...           release d02, d03, … in turn rather than d01 again
#                           and again, as bench/engine.sh's row does: each
#                           document's first release since the first build
#   SITE=300 ...            the 300-text site instead of the 30k one
#   VERSIONS=N ...          first release d01 until it has N versions: what a
#                           long history costs (cost should follow the change)
set -euo pipefail
. "$(dirname "$0")/edit.sh"
runs=$1
shift
site=${SITES:?SITES=DIR: where bench/engine.sh keeps the generated sites}/${SITE:-30k}/privsite
[ -f "$site/privsite.toml" ] || { echo "no site at $site: run SITES=$SITES bench/engine.sh first" >&2; exit 1; }
work=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT
date=2030-01-01

for i in $(seq 0 $(($# - 1))); do
  cp -r "$site" "$work/site$i"
  sed -i '1i pdf = false' "$work/site$i/privsite.toml"
done
i=0
for bin in "$@"; do
  "$bin" --root "$work/site$i" build --date $date --out "$work/out$i" >/dev/null 2>&1
  i=$((i + 1))
done

release() { # binary, site
  "$1" --root "$2" release d01 --minor --date 2029-12-31 >/dev/null 2>&1
}

i=0
for bin in "$@"; do
  while [ "$(ls -d "$work/site$i"/versions/d01/v* | wc -l)" -lt "${VERSIONS:-0}" ]; do
    edit "$bin" "$work/site$i" d01 && release "$bin" "$work/site$i"
  done
  i=$((i + 1))
done

# Wall and CPU time (user + system) of the command alone: bash's own clock
# and `time`, which start no program of their own (a wrapper such as perf
# stat would add its start, ~10 ms, to every run). `time` counts to the
# millisecond; the wall time is read to the microsecond around it.
TIMEFORMAT='%3R %3U %3S'

declare -A wall cpu
docs=$(ls -d "$site"/versions/d* | wc -l)
turn=0
for _ in $(seq "$runs"); do
  i=0
  for bin in "$@"; do
    timed=(build --date $date --out "$work/out$i")
    case ${WHAT:-build} in
      first) rm -rf "$work/out$i" "$work/.out$i.prev" "$work/site$i/.privsite" ;;
      release) edit "$bin" "$work/site$i" d01 && timed=(release d01 --minor --date 2029-12-31) ;;
      each) doc=$(printf d%02d $((turn % (docs - 1) + 2))) && edit "$bin" "$work/site$i" "$doc" &&
        "$bin" --root "$work/site$i" release "$doc" --minor --date 2029-12-31 >/dev/null 2>&1 ;;
      *) edit "$bin" "$work/site$i" d01 && release "$bin" "$work/site$i" ;;
    esac
    # A 300-text first build takes some 25 ms: milliseconds hide a change of one.
    { read -r _ user sys; read -r t0 t1; } < <({
      t0=$EPOCHREALTIME
      time "$bin" --root "$work/site$i" "${timed[@]}" >/dev/null 2>&1
      echo "$t0 $EPOCHREALTIME" >&2
    } 2>&1)
    wall[$i]+="$(echo "($t1 - $t0) * 1000" | bc -l) "
    cpu[$i]+="$(echo "($user + $sys) * 1000" | bc -l) "
    i=$((i + 1))
  done
  turn=$((turn + 1))
done

median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]}'; }
i=0
for bin in "$@"; do
  printf '%s: median %s ms (CPU %s ms); all: %s\n' "$bin" "$(echo "${wall[$i]}" | median)" \
    "$(echo "${cpu[$i]}" | median)" "$(echo "${wall[$i]}" | tr ' ' '\n' | grep . | sort -n | xargs printf '%.1f ')"
  i=$((i + 1))
done
