#!/usr/bin/env python3
"""Side-by-side redis-benchmark: StockTSDB vs a reference redis-server, same machine, same pinning.

Starts a Debian redis-server (persistence off) and StockTSDB (its default durability,
appendfsync everysec), both pinned to core 0, runs every workload against each with
redis-benchmark pinned to core 1, ROUNDS times alternating, and prints the median requests/s
of each and the ratio ours/redis.

usage: compare.py [--suite foundation|ts|seed] [--rounds N] [--jar server/target/stocktsdb.jar]
                  [--ours-port P] [--redis-port P] [--java /path/to/java] [--no-redis]
Workloads are lists of redis-benchmark arguments (see SUITES); a workload whose name ends with
':ours' only runs against StockTSDB (commands plain Redis does not have), and reports rps.
"""
import argparse, csv, io, os, shutil, signal, socket, statistics, subprocess, sys, tempfile, time
from benchlib import wait_port

SUITES = {
    "foundation": [
        ("PING_INLINE P1", ["-t", "ping_inline", "-n", "200000", "-c", "50"]),
        ("PING_MBULK P1", ["-t", "ping_mbulk", "-n", "200000", "-c", "50"]),
        ("SET P1", ["-t", "set", "-n", "200000", "-c", "50"]),
        ("GET P1", ["-t", "get", "-n", "200000", "-c", "50"]),
        ("PING_INLINE P16", ["-t", "ping_inline", "-n", "2000000", "-c", "50", "-P", "16"]),
        ("PING_MBULK P16", ["-t", "ping_mbulk", "-n", "2000000", "-c", "50", "-P", "16"]),
        ("SET P16", ["-t", "set", "-n", "2000000", "-c", "50", "-P", "16"]),
        ("GET P16", ["-t", "get", "-n", "2000000", "-c", "50", "-P", "16"]),
    ],
    # StockTSDB's own commands; the plain-Redis SET line is the yardstick for the ratio method
    # of bench/BASELINES.md (RTS figure / Redis SET in the same conditions).
    "seed": [
        ("SET P1", ["-t", "set", "-n", "200000", "-c", "50"]),
        ("SET P16", ["-t", "set", "-n", "2000000", "-c", "50", "-P", "16"]),
        ("TSDB_SET 1000 series P1:ours", ["-n", "200000", "-c", "50", "-r", "1000",
                                          "TSDB_SET", "stock:__rand_int__", "__rand_int__", "42.5"]),
        ("TSDB_SET 1000 series P16:ours", ["-n", "2000000", "-c", "50", "-P", "16", "-r", "1000",
                                           "TSDB_SET", "stock:__rand_int__", "__rand_int__", "42.5"]),
        ("BATCH_SET (batch_size 1000) P1000:ours", ["-n", "5000000", "-c", "4", "-P", "1000", "-r", "1000000",
                                                    "BATCH_SET", "iot:s__rand_int__", "42.5", "__rand_int__"]),
    ],
    # RedisTimeSeries-compatible commands against StockTSDB only (plain Redis has no TS.*): each
    # row is compared through its ratio to redis-server SET in the same run with the RTS ratio of
    # bench/BASELINES.md (RTS / Redis SET): (name, args, yardstick row, RTS ratio).
    "ts": [
        ("SET P1", ["-t", "set", "-n", "200000", "-c", "50"]),
        ("SET P16", ["-t", "set", "-n", "2000000", "-c", "50", "-P", "16"]),
        ("TS.ADD 1000 series P1:ours", ["-n", "200000", "-c", "50", "-r", "1000",
                                        "TS.ADD", "ts:__rand_int__", "*", "42.5"], "SET P1", 0.88),
        ("TS.ADD 1000 series P16:ours", ["-n", "1000000", "-c", "50", "-P", "16", "-r", "1000",
                                         "TS.ADD", "ts:__rand_int__", "*", "42.5"], "SET P16", 0.33),
        ("TS.MADD 10 samples P1:ours", ["-n", "100000", "-c", "50", "-r", "1000", "TS.MADD"]
         + ["ts:__rand_int__", "*", "42.5"] * 10, "SET P1", 0.30),
        ("TS.MADD 10 samples P16:ours", ["-n", "200000", "-c", "50", "-P", "16", "-r", "1000", "TS.MADD"]
         + ["ts:__rand_int__", "*", "42.5"] * 10, "SET P16", 0.02),
        ("TS.GET P1:ours", ["-n", "200000", "-c", "50", "-r", "1000", "TS.GET", "ts:__rand_int__"], "SET P1", 0.97),
        ("TS.GET P16:ours", ["-n", "2000000", "-c", "50", "-P", "16", "-r", "1000",
                             "TS.GET", "ts:__rand_int__"], "SET P16", 0.82),
    ],
}

# Extra StockTSDB flags a suite needs. The RTS baseline ran with DUPLICATE_POLICY LAST, because with
# BLOCK two TS.ADD k * v in the same millisecond fail and redis-benchmark stops at the first error.
SUITE_SERVER_ARGS = {"ts": ["--duplicate-policy", "last"]}


def create_ts_series(port):
    """The ts suite's 1000 series (ts:000000000000 .. ts:000000000999, redis-benchmark's -r 1000 keys):
    TS.MADD never creates keys and TS.GET needs them."""
    resp = "".join(f"*2\r\n$9\r\nTS.CREATE\r\n$15\r\nts:{i:012d}\r\n" for i in range(1000))
    subprocess.run(["redis-cli", "-p", str(port), "--pipe"], input=resp.encode(), check=True,
                   stdout=subprocess.DEVNULL)


SUITE_SETUP = {"ts": create_ts_series}


def run_benchmark(port, args):
    cmd = ["taskset", "-c", "1", "redis-benchmark", "-p", str(port), "--csv"] + args
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    rows = [r for r in csv.reader(io.StringIO(out)) if r and r[0] != "test"]
    return float(rows[-1][1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--suite", default="foundation")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--jar", default="server/target/stocktsdb.jar")
    ap.add_argument("--java", default="java")
    ap.add_argument("--ours-port", type=int, default=16379)
    ap.add_argument("--redis-port", type=int, default=16380)
    ap.add_argument("--server-arg", action="append", default=[], help="extra StockTSDB flag (repeatable)")
    ap.add_argument("--setup", help="shell command run once after start, with $PORT set, for each server")
    opts = ap.parse_args()
    suite = SUITES[opts.suite]
    data = tempfile.mkdtemp(prefix="stocktsdb-bench-")
    procs = []
    try:
        procs.append(subprocess.Popen(["taskset", "-c", "0", "redis-server", "--port", str(opts.redis_port),
                                       "--save", "", "--appendonly", "no", "--dir", data],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        procs.append(subprocess.Popen(["taskset", "-c", "0", opts.java, "-jar", opts.jar, "--port", str(opts.ours_port),
                                       "--data-dir", os.path.join(data, "ours"), "--metrics-port", "0"]
                                      + SUITE_SERVER_ARGS.get(opts.suite, []) + opts.server_arg,
                                      stdout=open(os.path.join(data, "ours.log"), "w"), stderr=subprocess.STDOUT))
        wait_port(opts.redis_port)
        wait_port(opts.ours_port)
        if opts.suite in SUITE_SETUP:
            SUITE_SETUP[opts.suite](opts.ours_port)
        if opts.setup:
            for port in (opts.redis_port, opts.ours_port):
                subprocess.run(opts.setup, shell=True, check=True, env=dict(os.environ, PORT=str(port)))
        # warm the JIT before measuring
        run_benchmark(opts.ours_port, ["-t", "ping,set,get", "-n", "300000", "-c", "50", "-P", "16"])
        results = {w[0]: ([], []) for w in suite}
        for r in range(opts.rounds):
            for name, args, *_ in suite:
                if not name.endswith(":ours"):
                    results[name][0].append(run_benchmark(opts.redis_port, args))
                results[name][1].append(run_benchmark(opts.ours_port, args))
        yardsticks = any(len(w) > 2 for w in suite)
        extra = " ours / redis SET | RTS / redis SET |" if yardsticks else ""
        print(f"| workload | redis-server rps | StockTSDB rps | ratio |{extra}  (median of {opts.rounds})")
        print("|---|---|---|---|" + ("---|---|" if yardsticks else ""))
        for name, _, *ref in suite:
            ours_rps = statistics.median(results[name][1])
            tail = " | |" if yardsticks else ""
            if ref:
                yard = statistics.median(results[ref[0]][0])
                tail = f" {ours_rps / yard:.2f} ({ref[0]}) | {ref[1]:.2f} |"
            if results[name][0]:
                redis_rps = statistics.median(results[name][0])
                print(f"| {name} | {redis_rps:,.0f} | {ours_rps:,.0f} | {ours_rps / redis_rps:.2f}x |{tail}")
            else:
                print(f"| {name.removesuffix(':ours')} | — | {ours_rps:,.0f} | — |{tail}")
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
