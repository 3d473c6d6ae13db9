#!/usr/bin/env python3
"""Aggregates a JFR recording's jdk.ExecutionSample events (threads running Java; every 10 ms with
settings=profile): top frames by self samples, methods by inclusive samples, and the first
io.stocktsdb frame of each stack. Then the same for jdk.NativeMethodSample (threads inside native
code such as RocksDB's JNI calls or epoll waits; every 20 ms), which ExecutionSample never shows.

Record, e.g.:  jcmd <pid> JFR.start duration=20s filename=/tmp/x.jfr settings=profile
usage: jfr_top.py FILE.jfr [--top 25] [--thread SUBSTRING] [--lines]
--lines adds the top self frames by source line (method:line), which tells apart the loads of one
big inlined method.
"""
import argparse, collections, json, subprocess


def frame_name(f):
    m = f["method"]
    return f'{m["type"]["name"]}.{m["name"]}'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--thread", help="only samples of threads whose name contains this")
    ap.add_argument("--lines", action="store_true", help="also top self frames by source line")
    opts = ap.parse_args()
    for event in ("jdk.ExecutionSample", "jdk.NativeMethodSample"):
        print(f"# {event}")
        report(opts, event)
        print()


def report(opts, event):
    out = subprocess.run(["jfr", "print", "--json", "--events", event, opts.file],
                         capture_output=True, text=True, check=True).stdout
    events = json.loads(out)["recording"]["events"]
    self_c, incl_c, ours_c, threads, lines_c = (collections.Counter() for _ in range(5))
    n = 0
    for e in events:
        v = e["values"]
        thread = (v.get("sampledThread") or {}).get("javaName") or "?"
        if opts.thread and opts.thread not in thread:
            continue
        frames = [frame_name(f) for f in (v.get("stackTrace") or {}).get("frames", [])]
        if not frames:
            continue
        n += 1
        threads[thread] += 1
        self_c[frames[0]] += 1
        top = v["stackTrace"]["frames"][0]
        lines_c[f'{frames[0]}:{top.get("lineNumber", "?")}'] += 1
        for name in set(frames):
            incl_c[name] += 1
        ours = next((f for f in frames if f.startswith("io.stocktsdb")), None)
        if ours:
            ours_c[ours] += 1
    print(f"{n} samples")
    tables = [("threads", threads), ("self (top frame)", self_c), ("inclusive", incl_c), ("first io.stocktsdb frame", ours_c)]
    if opts.lines:
        tables.append(("self by source line", lines_c))
    for title, c in tables:
        print(f"\n## {title}")
        for name, k in c.most_common(opts.top):
            print(f"{100.0 * k / max(n, 1):6.1f}%  {k:6d}  {name}")


if __name__ == "__main__":
    main()
