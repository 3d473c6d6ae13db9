#!/usr/bin/env python3
"""Restart time with 10 million samples in 1000 series (issue 3 target: ready in under 10 s).

For each case, a fresh data dir is loaded with `gen_ts.py create 1000` + `gen_ts.py mem 1000 10000`
through `redis-cli --pipe`, then:
  clean   SHUTDOWN (flushes batches and memtables), restart
  kill9   kill -9 right after the last reply of the load (the op log tail has to be replayed), restart
  kill9-idle  kill -9 after IDLE seconds without writes (background checkpoints had time to run)
The clock starts when the JVM is spawned (pinned to core 0) and stops when (1) a PING on a fresh
connection answers PONG and (2) `TS.RANGE m:0999 - +` returns all 10,000 samples. Then INFO
persistence's recovery_time_ms / recovery_keys / recovery_replayed_ops are read and every series
is checked to hold 10,000 samples (TS.MRANGE count aggregation).

usage: recovery_bench.py [--cases clean,kill9,kill9-idle] [--idle 15] [--jar ...]
"""
import argparse, os, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as B

SERIES, SAMPLES, PROBE = 1000, 10_000, "m:0999"


def all_counts(port):
    r = B.Resp(port)
    try:
        rows = r.call("TS.MRANGE", "-", "+", "AGGREGATION", "count", 10 ** 13, "FILTER", "metric=cpu")
    finally:
        r.close()
    return [sum(int(float(s[1])) for s in row[2]) for row in rows]


def probe_full(port):
    try:
        r = B.Resp(port, timeout=60)
        try:
            return len(r.call("TS.RANGE", PROBE, "-", "+")) == SAMPLES
        finally:
            r.close()
    except (OSError, ConnectionError, B.RespError):
        return False


def timed_restart(ours):
    ours.start(wait=False)
    t0 = ours.started_at
    t_ping = B.wait_ping(ours.port) - t0
    while not probe_full(ours.port):
        if time.monotonic() - t0 > 600:
            raise SystemExit(f"{PROBE} never returned {SAMPLES} samples")
        time.sleep(0.005)
    t_range = time.monotonic() - t0
    return t_ping, t_range


def run_case(case, opts):
    d = B.scratch_dir(f"stocktsdb-recovery-{case}-")
    ours = B.Ours(opts.jar, opts.port, os.path.join(d, "data"), java=opts.java)
    try:
        ours.start()
        B.pipe(opts.port, B.dataset("create_1000"))
        load_s = B.pipe(opts.port, B.dataset("mem_1000_10000"))
        before = B.info(opts.port, "persistence")
        stop_s = None
        if case == "clean":
            stop_s = ours.shutdown()
        elif case == "kill9":
            ours.kill9()
        elif case == "kill9-idle":
            time.sleep(opts.idle)
            before = B.info(opts.port, "persistence")
            ours.kill9()
        du = B.du_bytes(ours.data_dir)
        wal = B.dir_breakdown(ours.data_dir)["wal"]
        la = B.loadavg()
        t_ping, t_range = timed_restart(ours)
        p = B.info(opts.port, "persistence")
        counts = all_counts(opts.port)
        ok = len(counts) == SERIES and all(c == SAMPLES for c in counts)
        ours.shutdown()
        return {"case": case, "load_s": load_s, "stop_s": stop_s, "du": du, "wal": wal, "loadavg": la, "t_ping": t_ping,
                "t_range": t_range, "recovery_ms": int(p["recovery_time_ms"]), "keys": int(p["recovery_keys"]),
                "replayed": int(p["recovery_replayed_ops"]), "oplog_records_before": int(before["oplog_records_since_checkpoint"]),
                "checkpoints_before": int(before["checkpoints"]), "complete": ok}
    finally:
        ours.stop_quietly()
        if not opts.keep:
            B.remove(d)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", default="clean,kill9,kill9-idle")
    ap.add_argument("--idle", type=float, default=15.0, help="seconds without writes before kill9-idle")
    ap.add_argument("--jar", default=B.DEFAULT_JAR)
    ap.add_argument("--java", default="java")
    ap.add_argument("--port", type=int, default=16399)
    ap.add_argument("--keep", action="store_true")
    opts = ap.parse_args()
    results = []
    for case in opts.cases.split(","):
        B.log(f"--- {case}")
        r = run_case(case, opts)
        B.log(str(r))
        results.append(r)
    print(f"{SERIES} series x {SAMPLES:,} samples = {SERIES * SAMPLES:,} samples (gen_ts.py create 1000 + mem 1000 10000)")
    print("| case | op-log records at stop | data dir (RocksDB WAL) | start -> PING | start -> TS.RANGE complete | INFO recovery_time_ms | recovery_keys | replayed ops | all 10M present | target < 10 s | load avg |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        verdict = "meets" if r["t_range"] < 10 else f"misses by {r['t_range'] - 10:.1f} s"
        print(f"| {r['case']} | {r['oplog_records_before']:,} | {r['du'] / 1e6:.1f} MB ({r['wal'] / 1e6:.1f} MB) | {r['t_ping']:.2f} s | {r['t_range']:.2f} s "
              f"| {r['recovery_ms']:,} | {r['keys']:,} | {r['replayed']:,} | {'yes' if r['complete'] else 'NO'} | {verdict} | {r['loadavg']} |")


if __name__ == "__main__":
    main()
