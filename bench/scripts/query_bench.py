#!/usr/bin/env python3
"""Queries of bench/BASELINES.md ("Queries on the data set") against StockTSDB, beside RTS.

Loads the bench/scripts/gen_ts.py data set with `redis-cli --pipe` (TS.CREATE ts:big + `big`: 1M samples;
`create 1000` + `mem 1000 10000`: m:0000..m:0999, labels metric=cpu host=hNNN sid=N), restarts the
server (so sealed chunks come from RocksDB, the state after any restart; --no-restart skips it),
warms up, then runs every query with `redis-benchmark -c 1` (server on core 0, client on core 1),
ROUNDS times, and prints the median rps and mean latency beside the RTS figure. Where RTS is given
in ms (scans and 1M-sample replies) the comparison uses our mean latency (redis-benchmark's
avg_latency_ms), where in rps our rps; for 1M-sample replies rps is far below 1000/latency because
the client spends long parsing each reply.

Machine noise: a plain redis-server runs beside ours; `redis-benchmark -c 1 -t get` against it
runs right before every query measurement, because on a shared machine the load changes within
seconds. Ratio method of bench/BASELINES.md: per round, ours / redis GET c=1 (the adjacent run), median
over rounds, against RTS / 19k (redis GET c=1 in the baseline run); "ours vs RTS" is the quotient.
GET c=1 is bound by round trips; the scans and 1M-sample replies are bound by server CPU, so a
second yardstick, `SET -P 16 -c 50` (baseline 1.52M), is measured beside each query too and gives
a second "ours vs RTS" column; read the first for the light queries, the second for the heavy ones.

usage: query_bench.py [--rounds 3] [--jar [LABEL=]PATH ...] [--only NAME,...] [--no-restart] [--keep]

Before/after: give --jar several times (--jar before=/work/jars/old.jar --jar after=server/target/stocktsdb.jar).
Each jar gets its own port (--port, --port+1, ...) and data directory and is loaded with the data
set; all run at once, pinned to core 0 (an idle server costs next to nothing). Every query is
measured against each jar in turn right after its yardsticks, and the second table gives each
later jar against the first: the median over rounds of the paired per-round speed ratio.
"""
import argparse, os, statistics, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as B

# name, command, requests per round, RTS figure as (rps) or (ms) -> converted to rps, expected reply check
QUERIES = [
    ("TS.GET ts:big", ["TS.GET", "ts:big"], 20000, ("rps", 19_700)),
    ("TS.RANGE ts:big - + COUNT 100", ["TS.RANGE", "ts:big", "-", "+", "COUNT", "100"], 20000, ("rps", 13_700)),
    ("TS.RANGE ts:big 1700500000000 1700500999000 (1000 samples)",
     ["TS.RANGE", "ts:big", "1700500000000", "1700500999000"], 4000, ("rps", 3_700)),
    ("TS.RANGE ts:big - + AGGREGATION avg 3600000 (scans 1M)",
     ["TS.RANGE", "ts:big", "-", "+", "AGGREGATION", "avg", "3600000"], 300, ("ms", 9.7)),
    ("TS.RANGE ts:big - + (returns 1M)", ["TS.RANGE", "ts:big", "-", "+"], 20, ("ms", 107)),
    ("TS.MGET FILTER metric=cpu (1000 series)", ["TS.MGET", "FILTER", "metric=cpu"], 2000, ("rps", 1_560)),
    ("TS.MRANGE - + COUNT 10 FILTER metric=cpu", ["TS.MRANGE", "-", "+", "COUNT", "10", "FILTER", "metric=cpu"], 300, ("rps", 144)),
    ("TS.MRANGE 1700000000000 1700000059000 FILTER metric=cpu (1000 x 60)",
     ["TS.MRANGE", "1700000000000", "1700000059000", "FILTER", "metric=cpu"], 150, ("rps", 60)),
    ("TS.MRANGE - + AGGREGATION avg 3600000 FILTER metric=cpu (scans 10M)",
     ["TS.MRANGE", "-", "+", "AGGREGATION", "avg", "3600000", "FILTER", "metric=cpu"], 30, ("ms", 104)),
    ("TS.MRANGE - + AGGREGATION max 3600000 FILTER host=h007 (scans 100k)",
     ["TS.MRANGE", "-", "+", "AGGREGATION", "max", "3600000", "FILTER", "host=h007"], 2000, ("rps", 1_310)),
    # the seed command's full scan of the same 1M-sample series (issue 3: at least RTS's full-scan rate)
    ("TSDB_GET ts:big 1700000000000 1700999999000 (seed full scan, 1M)",
     ["TSDB_GET", "ts:big", "1700000000000", "1700999999000"], 20, ("ms", 107)),
]
YARDSTICK = ["-t", "get", "-n", "10000", "-c", "1"]
# Server-CPU-bound yardstick for the heavy queries (scans, big replies), where one client's
# round trips are not what limits: pipelined SET, baseline 1.52M rps.
CPU_YARDSTICK = ["-t", "set", "-n", "400000", "-c", "50", "-P", "16"]
BASE_SET_P16 = B.BASELINE_REDIS["SET P16"]
BASE_GET_C1 = B.BASELINE_REDIS["GET c1"]


def load(port):
    r = B.Resp(port)
    r.call("TS.CREATE", "ts:big")
    r.close()
    t = B.pipe(port, B.dataset("big"))
    B.log(f"big loaded in {t:.1f} s")
    B.pipe(port, B.dataset("create_1000"))
    t = B.pipe(port, B.dataset("mem_1000_10000"))
    B.log(f"mem 1000 10000 loaded in {t:.1f} s")


def check(port):
    """Reply sizes the table relies on (TS.RANGE - + returns 1M samples, MRANGE 1000 series, ...)."""
    r = B.Resp(port)
    try:
        expect = [
            (["TS.RANGE", "ts:big", "-", "+", "COUNT", "100"], 100),
            (["TS.RANGE", "ts:big", "1700500000000", "1700500999000"], 1000),
            (["TS.RANGE", "ts:big", "-", "+", "AGGREGATION", "avg", "3600000"], 278),
            (["TS.MGET", "FILTER", "metric=cpu"], 1000),
            (["TS.MRANGE", "-", "+", "AGGREGATION", "max", "3600000", "FILTER", "host=h007"], 10),
            (["TS.RANGE", "ts:big", "-", "+"], 1_000_000),
            (["TSDB_GET", "ts:big", "1700000000000", "1700999999000"], 2_000_000),
        ]
        for args, n in expect:
            got = len(r.call(*args))
            if got != n:
                raise SystemExit(f"check failed: {' '.join(args)} returned {got} entries, expected {n}")
        rows = r.call("TS.MRANGE", "1700000000000", "1700000059000", "FILTER", "metric=cpu")
        if len(rows) != 1000 or any(len(row[2]) != 60 for row in rows):
            raise SystemExit("check failed: MRANGE 1000 x 60")
    finally:
        r.close()


def speed(result, unit):
    """Requests per second comparable with the RTS figure (which is rps, or ms per query).

    With one client, rps is 1000 / the whole time per query; redis-benchmark's own latency figure
    stops early for replies that arrive in many reads (the 1M-sample rows), so it is not used.
    """
    return result["rps"]


def bench(port, query, n):
    return B.redis_benchmark(port, ["-c", "1", "-n", n] + query)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--jar", action="append",
                    help="[LABEL=]path of a StockTSDB jar (repeatable: side by side); default server/target/stocktsdb.jar")
    ap.add_argument("--java", default="java")
    ap.add_argument("--port", type=int, default=16392)
    ap.add_argument("--redis-port", type=int, default=16391)  # below --port: the jars take port, port+1, ...
    ap.add_argument("--only", help="comma-separated substrings of query names to run")
    ap.add_argument("--no-restart", action="store_true")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--data-dir", help="reuse a data dir already holding the data set (skips loading; one jar only)")
    opts = ap.parse_args()
    queries = [q for q in QUERIES if not opts.only or any(s in q[0] for s in opts.only.split(","))]
    jars = [B.parse_jar(j) for j in (opts.jar or [B.DEFAULT_JAR])]
    if opts.data_dir and len(jars) > 1:
        raise SystemExit("--data-dir takes one jar")

    d = B.scratch_dir("stocktsdb-query-")
    servers = []
    for i, (_, jar) in enumerate(jars):
        data_dir = opts.data_dir or os.path.join(d, "data" if len(jars) == 1 else f"data-{i}")
        servers.append(B.Ours(jar, opts.port + i, data_dir, java=opts.java))
    redis = B.RedisServer(opts.redis_port, d)
    try:
        redis.start()
        for ours in servers:
            ours.start()
            if not opts.data_dir:
                load(ours.port)
                if not opts.no_restart:
                    ours.shutdown()
                    ours.start()
            check(ours.port)
        B.log("warming up")
        for ours in servers:
            for _, q, n, _ in queries:
                bench(ours.port, q, max(2, n // 5))
        # per jar: results, ratios to the GET c=1 and SET -P16 yardsticks
        res = [{name: [] for name, _, _, _ in queries} for _ in servers]
        ratios = [{name: [] for name, _, _, _ in queries} for _ in servers]
        cpu_ratios = [{name: [] for name, _, _, _ in queries} for _ in servers]
        yard, cpu_yard, loads = [], [], []
        for rnd in range(opts.rounds):
            loads.append(B.loadavg())
            for name, q, n, (unit, _) in queries:
                y = B.redis_benchmark(opts.redis_port, YARDSTICK)["rps"]
                yc = B.redis_benchmark(opts.redis_port, CPU_YARDSTICK)["rps"]
                yard.append(y)
                cpu_yard.append(yc)
                for i, ours in enumerate(servers):
                    res[i][name].append(bench(ours.port, q, n))
                    ratios[i][name].append(speed(res[i][name][-1], unit) / y)
                    cpu_ratios[i][name].append(speed(res[i][name][-1], unit) / yc)
                    B.log(f"round {rnd} {name} [{jars[i][0]}]: {res[i][name][-1]['rps']:.1f} rps, "
                          f"{res[i][name][-1]['avg_latency_ms']:.2f} ms; redis GET c=1 {y:,.0f}, SET P16 {yc:,.0f}")
        get_c1 = statistics.median(yard)
        print(f"rounds: {opts.rounds}; load average at each round: {' | '.join(loads)}")
        print(f"redis GET c=1 before each query: median {get_c1:,.0f} rps, range {min(yard):,.0f}..{max(yard):,.0f} "
              f"(baseline {BASE_GET_C1:,}; machine factor {get_c1 / BASE_GET_C1:.2f})")
        cpu = statistics.median(cpu_yard)
        print(f"redis SET -P 16 before each query: median {cpu:,.0f} rps, range {min(cpu_yard):,.0f}..{max(cpu_yard):,.0f} "
              f"(baseline {BASE_SET_P16:,}; machine factor {cpu / BASE_SET_P16:.2f})")
        for i, (label, path) in enumerate(jars):
            print()
            if len(jars) > 1:
                print(f"{label}: {path}")
            print("| query (c=1) | RTS | StockTSDB rps | StockTSDB ms | RTS / redis GET c=1 (baseline) | ours / redis GET c=1 (adjacent) "
                  "| ours vs RTS (GET c=1 yardstick) | ours vs RTS (SET -P16 yardstick) |")
            print("|---|---|---|---|---|---|---|---|")
            for name, _, _, (unit, fig) in queries:
                rps = statistics.median(r["rps"] for r in res[i][name])
                ms = 1000.0 / rps
                rts_rps = fig if unit == "rps" else 1000.0 / fig
                rts_txt = f"{fig:,} rps" if unit == "rps" else f"{fig} ms"
                rts_ratio = rts_rps / BASE_GET_C1
                ours_ratio = statistics.median(ratios[i][name])
                cpu_vs = statistics.median(cpu_ratios[i][name]) / (rts_rps / BASE_SET_P16)
                print(f"| {name} | {rts_txt} | {rps:,.1f} | {ms:.2f} | {rts_ratio:.4f} | {ours_ratio:.4f} | {ours_ratio / rts_ratio:.2f}x "
                      f"| {cpu_vs:.2f}x |")
        if len(jars) > 1:
            print()
            print("| query (c=1) | " + " | ".join(f"{l} vs {jars[0][0]} (paired per round)" for l, _ in jars[1:]) + " |")
            print("|---|" + "---|" * (len(jars) - 1))
            for name, _, _, (unit, _) in queries:
                cells = []
                for i in range(1, len(jars)):
                    pairs = [speed(a, unit) / speed(b, unit) for a, b in zip(res[i][name], res[0][name])]
                    cells.append(f"{statistics.median(pairs):.2f}x")
                print(f"| {name} | " + " | ".join(cells) + " |")
    finally:
        for ours in servers:
            ours.stop_quietly()
        redis.stop()
        if not opts.keep:
            B.remove(d)
        else:
            B.log(f"kept {d}")


if __name__ == "__main__":
    main()
