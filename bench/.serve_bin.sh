#!/usr/bin/env bash
# Measures save-to-reload time of `privsite serve`: from writing a section
# file to the reload event arriving on the event stream (what an open page
# listens to), on the example site and on the large synthetic site. Each
# save adds a sentence to one section, and after each reload the document's
# page is fetched and must show it. Prints the median of RUNS saves and the
# machine it ran on.
#
#   bench/serve.sh [RUNS]        (default 11)
#   SITES=DIR bench/serve.sh     keep the generated 30k site in DIR between runs
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
: 
bin=${BIN:?}
work=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

measure() { # name, site dir, section file (relative to the site)
  local name=$1 dir=$2 file=$3
  "$bin" --root "$dir" serve --port 0 2>"$work/log" &
  server=$!
  python3 - "$name" "$dir" "$file" "$work/log" "$runs" <<'EOF'
import os, re, socket, statistics, sys, time

name, site, rel, log, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
deadline = time.time() + 1200  # a first start typesets every PDF
while True:
    m = re.search(r"Serving .* at http://([\d.]+):(\d+)/", open(log).read())
    if m:
        break
    if time.time() > deadline:
        sys.exit(f"serve did not start:\n{open(log).read()}")
    time.sleep(0.05)
host, port = m.group(1), int(m.group(2))
sock = socket.create_connection((host, port))
sock.sendall(f"GET /__privsite/events HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
stream = sock.makefile("rb")

doc = rel.split("/")[1]
lang = rel.rsplit(".", 2)[-2]

def page():
    c = socket.create_connection((host, port))
    c.sendall(f"GET /{lang}/{doc}/ HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
    data = b""
    while chunk := c.recv(65536):
        data += chunk
    return data.decode("utf-8", "replace")

def next_generation():
    for line in stream:
        if line.startswith(b"data: "):
            return line[6:].strip()
    sys.exit("the event stream ended")

next_generation()  # the current one, sent on connect
path = os.path.join(site, rel)
original = open(path, encoding="utf-8").read()
times = []
try:
    for i in range(runs + 1):
        text = original + f"\nSaved {i}.\n"
        started = time.perf_counter()
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        next_generation()
        if i > 0:  # the first one warms caches
            times.append(time.perf_counter() - started)
        if f"Saved {i}." not in page():
            sys.exit(f"the reloaded page does not show save {i}")
finally:
    with open(path, "w", encoding="utf-8") as f:
        f.write(original)
pages = re.findall(r"Built (\d+) pages", open(log).read())[-1]
print(f"{name:<42} median {statistics.median(times) * 1000:7.0f} ms   "
      f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}; {pages} pages; every reloaded page shows its save)")
EOF
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=
}

echo "privsite $("$bin" --version | cut -d' ' -f2), $(nproc) cores, $(uname -m), median of $runs saves"
# A copy, so the benchmark never edits the repository.
mkdir "$work/example"
for f in content versions locales themes privsite.toml; do
  if [ -e "$f" ]; then cp -r "$f" "$work/example/"; fi
done
measure "example (2 docs, repository root)" "$work/example" "$(cd "$work/example" && ls content/privacy-policy/*.en.md | grep -v _index | head -1)"
# The 30k site of bench/engine.sh (20 documents × 25 sections × 3 languages ×
# 20 versions, made by bench/corpus/), without PDFs as in engine.sh's engine
# rows: with them, starting the preview typesets all 1,200 first.
sites=${SITES:-$work/sites}
if [ ! -f "$sites/30k/privsite/privsite.toml" ]; then
  rm -rf "$sites/30k"
  python3 bench/corpus/gen_corpus.py --out "$sites/30k/corpus" -D 20 -S 25 -V 20 --layout all >/dev/null
  python3 bench/corpus/privsite_site.py --corpus "$sites/30k/corpus/neutral" --out "$sites/30k/privsite" \
    --privsite "$bin" >/dev/null
fi
cp -r "$sites/30k/privsite" "$work/s30k"
sed -i '1i pdf = false' "$work/s30k/privsite.toml"
measure "30k site, pdf = false" "$work/s30k" \
  "$(cd "$work/s30k" && ls content/*/*.en.md | grep -v _index | head -1)"
