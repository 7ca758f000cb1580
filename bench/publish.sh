#!/usr/bin/env bash
# Measures `privsite publish` to a real S3-compatible server on loopback
# (moto's server mode): the wall time and the number of uploads of a first
# publish into an empty bucket, and of a publish after a one-section release
# (one section rewritten in de, en and sv, released as a minor version).
# Publish times include the build that every publish does first.
#
#   bench/publish.sh            (needs python3 with moto[server] and boto3)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-$PWD/target}/release/privsite
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m moto.server -p "$port" >"$work/moto.log" 2>&1 &
moto=$!
trap 'kill "$moto" 2>/dev/null; rm -rf "$work"' EXIT
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1
endpoint="http://127.0.0.1:$port"
for _ in $(seq 50); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null && break
  sleep 0.2
done

make_bucket() {
  python3 -c "import boto3; boto3.client('s3', endpoint_url='$endpoint').create_bucket(Bucket='$1')"
}

publish() { # site dir, bucket → "seconds uploads"
  local start end out
  start=$(date +%s.%N)
  out=$("$bin" --root "$1" publish --target "s3://$2/site?endpoint=$endpoint" --date 2026-11-23 2>&1)
  end=$(date +%s.%N)
  echo "$out" | grep -q '^Published' || { echo "$out" >&2; exit 1; }
  printf '%.2f s %6s uploads  (%s)\n' "$(echo "$end - $start" | bc -l)" \
    "$(echo "$out" | sed -n 's/.*: \([0-9]*\) uploaded.*/\1/p')" \
    "$(echo "$out" | sed -n 's/.* uploaded, \(.*\) in .*/\1/p')"
}

release_one_section() { # site dir: rewrites the first section of the first document
  local dir=$1 doc file slug
  doc=$(ls "$dir/content" | head -1)
  file=$(cd "$dir/content/$doc" && ls [0-9]*.de.md | head -1)
  slug=${file%.de.md}
  for lang in de en sv; do
    [ -f "$dir/content/$doc/$slug.$lang.md" ] &&
      printf '\nA sentence added for the benchmark.\n' >>"$dir/content/$doc/$slug.$lang.md"
    printf -- '- benchmark\n' >"$dir/content/$doc/_release.$lang.md"
  done
  "$bin" --root "$dir" release "$doc" --minor --date 2026-11-23 --allow-incomplete >/dev/null 2>&1
  echo "$doc/$slug"
}

measure() { # name, site dir, bucket
  local name=$1 dir=$2 bucket=$3 files
  make_bucket "$bucket"
  "$bin" --root "$dir" build --date 2026-11-23 --out "$work/out-$bucket" 2>/dev/null
  files=$(find "$work/out-$bucket" -type f | wc -l)
  echo "$name: $files files in public/"
  printf '  first publish:                     '; publish "$dir" "$bucket"
  printf '  again, no change:                  '; publish "$dir" "$bucket"
  local section
  section=$(release_one_section "$dir")
  printf '  after releasing %-18s ' "$section:"; publish "$dir" "$bucket"
}

echo "privsite $("$bin" --version | cut -d' ' -f2), $(nproc) cores, $(uname -m), moto $(python3 -c 'import moto; print(moto.__version__)') on 127.0.0.1"
mkdir -p "$work/example"
cp -r privsite.toml content versions "$work/example/"
measure "example site (repository root)" "$work/example" example
python3 bench/gen.py "$work/s20" --docs 20 --sections 25 --versions 20
measure "synthetic: 20 docs x 25 sections x 3 languages x 20 versions" "$work/s20" synthetic
