#!/usr/bin/env python3
"""Where one privsite run waits on one core: perf samples per thread in
slices of time, each slice with what its samples were busy with.

    perf record -F 5000 --call-graph dwarf -o run.data privsite --root SITE build ...
    perf script -i run.data -F tid,time,ip,sym | bench/timeline.py [SLICE_MS]

Prints a line per slice (default 5 ms): its start, the samples of each
thread (the first column is the main thread, the others rayon's workers),
and the three most frequent innermost privsite functions, M for the main
thread and W for a worker. A slice where one column is full and the others
are empty is serial: the other cores wait. perf slows the run (dwarf
stacks about twofold), so read the slices against each other, not as
times of a run without it.
"""

import collections
import re
import sys

SKIP = ("privsite::main", "privsite::cmd::main", "privsite::cmd::build::run")
# A sample's first line: its thread and time ("  4242 12345.678901:"); its
# frames follow, one a line, each an address and a function.
HEAD = re.compile(r"^\s*(\d+)\s+(\d+\.\d+):")


def samples(lines):
    """(thread, seconds, frames innermost first) of each sample."""
    current = None
    for line in lines:
        if not line.strip():
            continue
        head = HEAD.match(line)
        if head:
            if current:
                yield current
            current = (int(head.group(1)), float(head.group(2)), [])
        elif current:
            parts = line.split(None, 1)
            if len(parts) > 1:
                current[2].append(parts[1].strip())
    if current:
        yield current


def label(frames):
    """The innermost privsite function of a sample, else its innermost frame."""
    ours = [f for f in frames if f.startswith("privsite::") and not f.startswith(SKIP) and "closure" not in f]
    return (ours[0] if ours else frames[0] if frames else "?")[:60]


def main():
    width = float(sys.argv[1]) / 1000 if len(sys.argv) > 1 else 0.005
    found = list(samples(sys.stdin))
    if not found:
        sys.exit("no samples: pipe `perf script -F tid,time,ip,sym` into this")
    start, main_thread = found[0][1], found[0][0]
    threads = [main_thread] + sorted({s[0] for s in found} - {main_thread})
    counts = collections.defaultdict(collections.Counter)
    busy = collections.defaultdict(collections.Counter)
    for thread, at, frames in found:
        slice_ = int((at - start) / width)
        counts[slice_][thread] += 1
        busy[slice_][("M " if thread == main_thread else "W ") + label(frames)] += 1
    for slice_ in sorted(counts):
        per_thread = " ".join(f"{counts[slice_][t]:4d}" for t in threads)
        top = " | ".join(f"{n}: {what}" for what, n in busy[slice_].most_common(3))
        print(f"{slice_ * width * 1000:6.0f} ms {per_thread}   {top}")


if __name__ == "__main__":
    main()
