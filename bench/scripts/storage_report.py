#!/usr/bin/env python3
"""Bytes per sample, disk + memory after compaction, for 1000 series x 10,000 samples at 1 s steps.

Data shapes (all loaded with `redis-cli --pipe`, one TS.MADD per timestamp over the 1000 series
created by `gen_ts.py create 1000`):
  walk2     random walk with 2 decimals: exactly `gen_ts.py mem 1000 10000`   (RTS 6.43, 6.97 with series overhead)
  fullprec  the same walk printed with %.17g: `FULLPREC=1 gen_ts.py mem ...`   (RTS 6.75)
  constant  42.5 in every sample
  counter   0, 1, 2, ... (+1 per step)
Per shape: fresh data dir, load, SHUTDOWN (a clean close flushes memtables), full offline RocksDB
compaction of every column family (CompactDataDir, the server has no command for it), `du -sb` of
the data dir, restart, check that every series holds its 10,000 samples, `jcmd GC.run` and read
INFO memory's jvm_heap_used; memory = that heap minus an empty server's heap after GC.
Disk = du -sb minus an empty server's data dir (its fixed RocksDB files).

usage: storage_report.py [--shapes walk2,fullprec,constant,counter] [--jar ...] [--port P] [--keep]
Target (issue 3): total for walk2 at most half of RTS's (6.97 with series overhead -> <= 3.49).
"""
import argparse, os, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as B

SERIES, SAMPLES, T0 = 1000, 10_000, 1_700_000_000_000
RTS = {"walk2": (6.43, 6.97), "fullprec": (6.75, None)}
DESCRIPTIONS = {
    "walk2": "random walk, 2 decimals (gen_ts.py mem 1000 10000)",
    "fullprec": "random walk, full-precision doubles (FULLPREC=1)",
    "constant": "constant 42.5",
    "counter": "counter +1 per step",
}


def write_shape(f, value_of):
    """One TS.MADD per timestamp over m:0000..m:0999, as gen_ts.py mem does, values from value_of(i)."""
    keys = [b"m:%04d" % k for k in range(SERIES)]
    for i in range(SAMPLES):
        ts = b"%d" % (T0 + i * 1000)
        v = value_of(i)
        head = b"$%d\r\n%s\r\n" % (len(ts), ts) + b"$%d\r\n%s\r\n" % (len(v), v)
        parts = [b"*%d\r\n$7\r\nTS.MADD\r\n" % (1 + 3 * SERIES)]
        for k in keys:
            parts.append(b"$6\r\n" + k + b"\r\n" + head)
        f.write(b"".join(parts))


def shape_file(shape):
    if shape == "walk2":
        return B.dataset("mem_1000_10000")
    if shape == "fullprec":
        return B.dataset("mem_1000_10000_fullprec")
    if shape == "constant":
        return B.cached_file("mem_1000_10000_constant", lambda f: write_shape(f, lambda i: b"42.5"))
    if shape == "counter":
        return B.cached_file("mem_1000_10000_counter", lambda f: write_shape(f, lambda i: b"%d" % i))
    raise SystemExit("unknown shape " + shape)


def check_samples(port):
    """Every series holds SAMPLES samples (TS.MRANGE count aggregation over the whole range)."""
    r = B.Resp(port)
    try:
        rows = r.call("TS.MRANGE", "-", "+", "AGGREGATION", "count", 10 ** 12, "FILTER", "metric=cpu")
    finally:
        r.close()
    counts = [sum(int(float(s[1])) for s in row[2]) for row in rows]
    if len(counts) != SERIES or any(c != SAMPLES for c in counts):
        raise SystemExit(f"data check failed: {len(counts)} series, counts {sorted(set(counts))[:5]}")


def empty_baseline(opts):
    d = B.scratch_dir("stocktsdb-storage-empty-")
    ours = B.Ours(opts.jar, opts.port, os.path.join(d, "data"), java=opts.java)
    try:
        ours.start()
        time.sleep(1)
        heap = ours.heap_after_gc()
        ours.shutdown()
        B.compact_offline(ours.data_dir)
        disk = B.du_bytes(ours.data_dir)
    finally:
        ours.stop_quietly()
        B.remove(d)
    return heap, disk


def measure(shape, opts, empty_heap, empty_disk):
    path = shape_file(shape)
    d = B.scratch_dir(f"stocktsdb-storage-{shape}-")
    ours = B.Ours(opts.jar, opts.port, os.path.join(d, "data"), java=opts.java)
    try:
        ours.start()
        la_load = B.loadavg()
        B.pipe(opts.port, B.dataset("create_1000"))
        load_s = B.pipe(opts.port, path)
        shutdown_s = ours.shutdown()
        before = B.du_bytes(ours.data_dir)
        compaction = B.compact_offline(ours.data_dir)
        disk = B.du_bytes(ours.data_dir)
        kinds = B.dir_breakdown(ours.data_dir)
        ours.start()
        check_samples(opts.port)
        time.sleep(1)
        heap = ours.heap_after_gc()
        mem = B.info(opts.port, "memory")
        ours.shutdown()
        return {
            "shape": shape, "load_s": load_s, "shutdown_s": shutdown_s, "du_before": before, "du": disk,
            "kinds": kinds, "compaction": compaction, "heap": heap, "disk_net": disk - empty_disk,
            "heap_net": heap - empty_heap, "rocks_native": int(mem["rocksdb_memtables"]) + int(mem["rocksdb_table_readers"]),
            "block_cache": int(mem["rocksdb_block_cache"]), "loadavg": la_load,
        }
    finally:
        ours.stop_quietly()
        if not opts.keep:
            B.remove(d)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shapes", default="walk2,fullprec,constant,counter")
    ap.add_argument("--jar", default=B.DEFAULT_JAR)
    ap.add_argument("--java", default="java")
    ap.add_argument("--port", type=int, default=16391)
    ap.add_argument("--keep", action="store_true", help="keep the data directories")
    opts = ap.parse_args()
    n = SERIES * SAMPLES
    empty_heap, empty_disk = empty_baseline(opts)
    B.log(f"empty server: heap after GC {empty_heap:,} B, data dir {empty_disk:,} B")
    results = []
    for shape in opts.shapes.split(","):
        B.log(f"--- {shape}")
        r = measure(shape, opts, empty_heap, empty_disk)
        B.log(f"{r}")
        results.append(r)

    print(f"1000 series x 10,000 samples = {n:,} samples; empty server: heap {empty_heap:,} B, data dir {empty_disk:,} B")
    print("| data | disk B/sample | memory B/sample | total B/sample | RTS B/sample | total / RTS | load avg |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        disk, mem = r["disk_net"] / n, r["heap_net"] / n
        total = disk + mem
        rts = RTS.get(r["shape"])
        if rts:
            ref = rts[1] or rts[0]
            rts_txt = f"{rts[0]}" + (f" ({rts[1]} with series overhead)" if rts[1] else "")
            ratio = f"{total / ref:.2f}" + (f" ({total / rts[0]:.2f} vs {rts[0]})" if rts[1] else "")
        else:
            rts_txt, ratio = "—", "—"
        print(f"| {DESCRIPTIONS[r['shape']]} | {disk:.3f} | {mem:.3f} | {total:.3f} | {rts_txt} | {ratio} | {r['loadavg']} |")
    print()
    print("| data | du -sb before compaction | after | sst | wal | info LOG | other | RocksDB memtables + table readers | block cache | load s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        k = r["kinds"]
        print(f"| {r['shape']} | {r['du_before']:,} | {r['du']:,} | {k['sst']:,} | {k['wal']:,} | {k['info_log']:,} | {k['other']:,} "
              f"| {r['rocks_native']:,} | {r['block_cache']:,} | {r['load_s']:.1f} |")
    walk = next((r for r in results if r["shape"] == "walk2"), None)
    if walk:
        total = (walk["disk_net"] + walk["heap_net"]) / n
        target = RTS["walk2"][1] / 2
        verdict = "meets" if total <= target else f"misses by {total - target:.3f} B/sample ({total / target:.2f}x the target)"
        print(f"\ntarget: walk2 total <= {target:.3f} B/sample (half of RTS's 6.97): {total:.3f} -> {verdict}")


if __name__ == "__main__":
    main()
