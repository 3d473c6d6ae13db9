#!/usr/bin/env python3
"""Ingest throughput of StockTSDB (durable, appendfsync everysec) beside RedisTimeSeries's figures.

(a) TSDB_SET single samples over 1000 series, strictly increasing timestamps per series, 50
    connections, pipeline 1 and 16 (PipelinedLoader, a one-thread Java NIO client: redis-benchmark
    can only send random timestamps). Yardstick: the same loader sending SET to a plain
    redis-server with the same connections and pipeline; ours/redis is compared with RTS's
    TS.ADD ratio in bench/BASELINES.md (0.88 at -P 1, 0.33 at -P 16). TS.ADD is measured the same way.
(b) BATCH_SET bulk ingest: CONNECTIONS connections pipelining 1000 BATCH_SET each (batch_size
    1000 flushes every 1000 points), one BATCH_FLUSH per connection at the end; the clock stops
    when every reply, the flushes' included, is in. Target: >= 1,000,000 samples/s.
(c) redis-cli --pipe of `gen_ts.py adds 1000 1000` (1M in-order TS.ADD, RTS 1.40M samples/s),
    of `gen_ts.py big` (TS.MADD with 1000 samples each, RTS 3.7-4.3M samples/s) and of
    `gen_ts.py mem 1000 10000` (TS.MADD with one sample for each of 1000 series; no RTS figure).
    Yardstick: --pipe of 1M SET into redis-server.
Every measurement starts from FLUSHALL SYNC, has the adjacent yardstick run and the load average.
Server on core 0, clients on core 1 (bench/BASELINES.md).

usage: ingest_bench.py [--rounds 3] [--parts a,b,c] [--batch-connections 4] [--jar ...]
"""
import argparse, os, statistics, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as B

RTS_TS_ADD_RATIO = {1: 0.88, 16: 0.33}
COMMAND_NAMES = {"tsdb_set": "TSDB_SET", "ts_add": "TS.ADD"}


def flushall(port):
    r = B.Resp(port)
    try:
        r.call("FLUSHALL", "SYNC")
    finally:
        r.close()


def series_samples(port, key):
    r = B.Resp(port)
    try:
        rows = r.call("TS.RANGE", key, "-", "+", "AGGREGATION", "count", 10 ** 13)
        return sum(int(float(v)) for _, v in rows)
    finally:
        r.close()


def part_a(opts, rounds):
    rows = []
    for mode, prefix in (("tsdb_set", "stock:"), ("ts_add", "ts:")):
        for pipeline, samples in ((1, opts.p1_samples), (16, opts.p16_samples)):
            ours, redis, ratios, loads = [], [], [], []
            for _ in range(rounds):
                flushall(opts.port)
                loads.append(B.loadavg())
                y = B.loader(opts.redis_port, mode="set", connections=50, pipeline=pipeline, series=1000,
                             samples=samples, prefix=prefix)
                o = B.loader(opts.port, mode=mode, connections=50, pipeline=pipeline, series=1000,
                             samples=samples, prefix=prefix)
                if o["errors"]:
                    raise SystemExit(f"{mode}: {o['errors']} errors, first: {o['first_error']}")
                got = series_samples(opts.port, prefix + "0007")
                if got != samples:
                    raise SystemExit(f"{mode}: {prefix}0007 holds {got} samples, expected {samples}")
                ours.append(o["samples_per_sec"])
                redis.append(y["samples_per_sec"])
                ratios.append(o["samples_per_sec"] / y["samples_per_sec"])
                B.log(f"(a) {mode} P{pipeline}: ours {o['samples_per_sec']:,.0f}/s redis SET {y['samples_per_sec']:,.0f}/s")
            rows.append((f"{COMMAND_NAMES[mode]} -P {pipeline}, 50 conns, "
                         f"1000 series x {samples}", statistics.median(ours), statistics.median(redis),
                         statistics.median(ratios), RTS_TS_ADD_RATIO[pipeline], loads))
    print("### (a) single-sample ingest, in-order timestamps (PipelinedLoader)")
    print("| workload | StockTSDB samples/s | redis-server SET/s (same loader) | ours / redis | RTS TS.ADD / redis SET | ours vs RTS | load avg |")
    print("|---|---|---|---|---|---|---|")
    for name, o, y, ratio, rts, loads in rows:
        print(f"| {name} | {o:,.0f} | {y:,.0f} | {ratio:.2f} | {rts:.2f} | {ratio / rts:.2f}x | {' / '.join(l.split()[0] for l in loads)} |")
    print()


def part_b(opts, rounds):
    rows = []
    for conns in opts.batch_connections:
        ours, redis, ratios, loads = [], [], [], []
        samples = opts.batch_samples
        for _ in range(rounds):
            flushall(opts.port)
            loads.append(B.loadavg())
            y = B.loader(opts.redis_port, mode="set", connections=conns, pipeline=1000, series=1000, samples=samples,
                         prefix="iot:")
            o = B.loader(opts.port, mode="batch_set", connections=conns, pipeline=1000, series=1000, samples=samples,
                         prefix="iot:")
            if o["errors"]:
                raise SystemExit(f"batch_set: {o['errors']} errors, first: {o['first_error']}")
            got = series_samples(opts.port, "iot:0007")
            if got != samples:
                raise SystemExit(f"batch_set: iot:0007 holds {got} samples, expected {samples}")
            ours.append(o["samples_per_sec"])
            redis.append(y["samples_per_sec"])
            ratios.append(o["samples_per_sec"] / y["samples_per_sec"])
            B.log(f"(b) BATCH_SET {conns} conns: ours {o['samples_per_sec']:,.0f}/s redis SET {y['samples_per_sec']:,.0f}/s")
        rows.append((conns, samples, statistics.median(ours), statistics.median(redis), statistics.median(ratios), loads))
    print("### (b) BATCH_SET bulk ingest, pipeline 1000, batch_size 1000 (PipelinedLoader)")
    print("| connections | samples | StockTSDB samples/s | target | redis-server SET/s (same loader, P1000) | ours / redis SET | load avg |")
    print("|---|---|---|---|---|---|---|")
    for conns, samples, o, y, ratio, loads in rows:
        verdict = "meets" if o >= 1e6 else f"misses ({o / 1e6:.2f}x)"
        print(f"| {conns} | {1000 * samples:,} | {o:,.0f} | 1,000,000: {verdict} | {y:,.0f} | {ratio:.2f} | {' / '.join(l.split()[0] for l in loads)} |")
    print()


def set_file(f):
    for i in range(1000):
        f.write(b"".join(B.encode("SET", "a:%04d" % k, "%.2f" % (100 + (i * k) % 997 / 100)) for k in range(1000)))


def part_c(opts, rounds):
    yard_path = B.cached_file("set_1000_1000", set_file)
    jobs = [
        ("`gen_ts.py adds 1000 1000`: 1M TS.ADD in order", None, B.dataset("adds_1000_1000"), 1_000_000, "1.40M"),
        ("`gen_ts.py big`: TS.MADD x 1000 samples of ts:big", ["TS.CREATE", "ts:big"], B.dataset("big"), 1_000_000, "3.7-4.3M"),
        ("`gen_ts.py mem 1000 10000`: TS.MADD x 1000 series, 10M", "create_1000", B.dataset("mem_1000_10000"), 10_000_000, "—"),
    ]
    rows = []
    for name, setup, path, n, rts in jobs:
        rates, yards, ratios, loads = [], [], [], []
        for _ in range(1 if n > 1_000_000 else rounds):
            flushall(opts.port)
            if isinstance(setup, list):
                r = B.Resp(opts.port)
                r.call(*setup)
                r.close()
            elif setup:
                B.pipe(opts.port, B.dataset(setup))
            loads.append(B.loadavg())
            yards.append(1_000_000 / B.pipe(opts.redis_port, yard_path))
            rates.append(n / B.pipe(opts.port, path))
            ratios.append(rates[-1] / yards[-1])
            B.log(f"(c) {name}: {rates[-1]:,.0f} samples/s; redis SET pipe {yards[-1]:,.0f}/s")
        rows.append((name, statistics.median(rates), rts, statistics.median(yards), statistics.median(ratios), loads))
    print("### (c) redis-cli --pipe")
    print("| file | StockTSDB samples/s | RTS | redis-server SET pipe (1M SET) /s | ours / redis SET pipe | load avg |")
    print("|---|---|---|---|---|---|")
    for name, o, rts, y, ratio, loads in rows:
        print(f"| {name} | {o:,.0f} | {rts} | {y:,.0f} | {ratio:.2f} | {' / '.join(l.split()[0] for l in loads)} |")
    print()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--parts", default="a,b,c")
    ap.add_argument("--batch-connections", default="4", help="comma-separated connection counts for (b)")
    ap.add_argument("--batch-samples", type=int, default=5000, help="samples per series in (b) (x 1000 series)")
    ap.add_argument("--p1-samples", type=int, default=200, help="samples per series at -P 1 (x 1000 series)")
    ap.add_argument("--p16-samples", type=int, default=1000, help="samples per series at -P 16 (x 1000 series)")
    ap.add_argument("--jar", default=B.DEFAULT_JAR)
    ap.add_argument("--java", default="java")
    ap.add_argument("--port", type=int, default=16395)
    ap.add_argument("--redis-port", type=int, default=16396)
    ap.add_argument("--server-arg", action="append", default=[], help="extra StockTSDB flag (repeatable)")
    ap.add_argument("--keep", action="store_true")
    opts = ap.parse_args()
    opts.batch_connections = [int(x) for x in opts.batch_connections.split(",")]
    parts = opts.parts.split(",")

    d = B.scratch_dir("stocktsdb-ingest-")
    ours = B.Ours(opts.jar, opts.port, os.path.join(d, "data"), java=opts.java, args=opts.server_arg)
    redis = B.RedisServer(opts.redis_port, d)
    try:
        redis.start()
        ours.start()
        B.log("warming up")
        B.loader(opts.port, mode="tsdb_set", connections=50, pipeline=16, series=1000, samples=300, prefix="warm:")
        B.loader(opts.port, mode="batch_set", connections=4, pipeline=1000, series=1000, samples=1000, prefix="warm2:")
        print(f"StockTSDB flags: {' '.join(opts.server_arg) or '(defaults: appendfsync everysec)'}; rounds: {opts.rounds} (median)")
        print()
        if "a" in parts:
            part_a(opts, opts.rounds)
        if "b" in parts:
            part_b(opts, opts.rounds)
        if "c" in parts:
            part_c(opts, opts.rounds)
    finally:
        ours.stop_quietly()
        redis.stop()
        if not opts.keep:
            B.remove(d)


if __name__ == "__main__":
    main()
