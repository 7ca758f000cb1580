#!/usr/bin/env bash
# Benchmarks `privsite build` on the example site and on synthetic sites.
# Prints the median wall time and peak memory of RUNS builds each, measured
# with /usr/bin/time (GNU time), and the machine it ran on.
#
#   bench/run.sh [RUNS]        (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-$PWD/target}/release/privsite
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Median wall time and peak memory of RUNS builds of a site: "first" builds
# start with no output folder; "rebuild" builds replace the previous output
# (recycling the one before, as a user's repeated builds do).
measure() { # name, site dir
  local name=$1 dir=$2
  "$bin" --root "$dir" build --date 2026-01-01 --out "$work/out" 2>/dev/null # warm the page cache
  for kind in first rebuild; do
    local times=() mems=()
    for _ in $(seq "$runs"); do
      [ "$kind" = first ] && rm -rf "$work/out" "$work/.out.prev"
      /usr/bin/time -f "%e %M" -o "$work/t" "$bin" --root "$dir" build --date 2026-01-01 --out "$work/out" 2>/dev/null
      read -r t m < "$work/t"
      times+=("$t"); mems+=("$m")
    done
    local t m
    t=$(printf '%s\n' "${times[@]}" | median)
    m=$(printf '%s\n' "${mems[@]}" | median)
    printf '%-40s %-8s %6.2f s %7.1f MiB   (%s pages)\n' "$name" "$kind" "$t" "$(echo "$m / 1024" | bc -l)" \
      "$(find "$work/out" -name '*.html' | wc -l)"
  done
}

echo "privsite $("$bin" --version | cut -d' ' -f2), $(nproc) cores, $(uname -m), median of $runs runs"
measure "example (2 docs)" "$PWD"
python3 bench/gen.py "$work/s10" --docs 10 --sections 20 --versions 20
measure "10 docs x 20 sections x 3 x 20 versions" "$work/s10"
python3 bench/gen.py "$work/s20" --docs 20 --sections 25 --versions 20
measure "20 docs x 25 sections x 3 x 20 versions" "$work/s20"
