#!/usr/bin/env python3
"""Side-by-side redis-benchmark: StockTSDB vs a reference redis-server, same machine, same pinning.

Starts a Debian redis-server (persistence off) and StockTSDB (its default durability,
appendfsync everysec), both pinned to core 0, runs every workload against each with
redis-benchmark pinned to core 1, ROUNDS times alternating, and prints the median requests/s
of each and the ratio ours/redis.

usage: compare.py [--suite foundation|ts|seed] [--rounds N] [--jar [LABEL=]server/target/stocktsdb.jar ...]
                  [--ours-port P] [--redis-port P] [--java /path/to/java] [--no-redis]
Workloads are lists of redis-benchmark arguments (see SUITES); a workload whose name ends with
':ours' only runs against StockTSDB (commands plain Redis does not have), and reports rps.

Before/after: give --jar several times (e.g. --jar before=/work/jars/old.jar --jar after=server/target/stocktsdb.jar).
Every jar runs at once on its own port (ours-port, ours-port+1, ...) and data directory, all pinned to
core 0 beside redis-server; each round runs every workload against redis and then each jar in turn,
so the figures of one workload are taken seconds apart. The table gives each jar's rps and its ratio
(to redis, or to the yardstick row), and "vs <first jar>": the median over rounds of the paired
per-round ratio to the first jar. The load average at each round is printed.
"""
import argparse, csv, io, os, shutil, signal, socket, statistics, subprocess, sys, tempfile, time
from benchlib import loadavg, parse_jar, wait_port

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
    ap.add_argument("--jar", action="append", help="[LABEL=]path of a StockTSDB jar (repeatable: side by side); "
                    "default server/target/stocktsdb.jar")
    ap.add_argument("--java", default="java")
    ap.add_argument("--ours-port", type=int, default=16379)
    ap.add_argument("--redis-port", type=int, default=16380)
    ap.add_argument("--server-arg", action="append", default=[], help="extra StockTSDB flag (repeatable)")
    ap.add_argument("--setup", help="shell command run once after start, with $PORT set, for each server")
    opts = ap.parse_args()
    jars = [parse_jar(j) for j in (opts.jar or ["server/target/stocktsdb.jar"])]
    suite = SUITES[opts.suite]
    data = tempfile.mkdtemp(prefix="stocktsdb-bench-")
    procs = []
    # one port per jar from --ours-port up, never the yardstick's (a jar that cannot bind would
    # otherwise be measured as redis-server)
    ports = [p for p in range(opts.ours_port, opts.ours_port + len(jars) + 1) if p != opts.redis_port][:len(jars)]
    try:
        procs.append(subprocess.Popen(["taskset", "-c", "0", "redis-server", "--port", str(opts.redis_port),
                                       "--save", "", "--appendonly", "no", "--dir", data],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        for i, ((label, jar), port) in enumerate(zip(jars, ports)):
            name = "ours" if len(jars) == 1 else f"ours-{i}"
            procs.append(subprocess.Popen(["taskset", "-c", "0", opts.java, "-jar", jar, "--port", str(port),
                                           "--data-dir", os.path.join(data, name), "--metrics-port", "0"]
                                          + SUITE_SERVER_ARGS.get(opts.suite, []) + opts.server_arg,
                                          stdout=open(os.path.join(data, name + ".log"), "w"), stderr=subprocess.STDOUT))
        wait_port(opts.redis_port)
        for port, proc in zip(ports, procs[1:]):
            wait_port(port)
            if proc.poll() is not None:
                raise SystemExit(f"the StockTSDB on port {port} exited ({proc.returncode}); see its log under {data}")
            if opts.suite in SUITE_SETUP:
                SUITE_SETUP[opts.suite](port)
        if opts.setup:
            for port in [opts.redis_port] + ports:
                subprocess.run(opts.setup, shell=True, check=True, env=dict(os.environ, PORT=str(port)))
        # warm the JIT before measuring
        for port in ports:
            run_benchmark(port, ["-t", "ping,set,get", "-n", "300000", "-c", "50", "-P", "16"])
        results = {w[0]: ([], [[] for _ in jars]) for w in suite}
        loads = []
        for r in range(opts.rounds):
            loads.append(loadavg())
            for name, args, *_ in suite:
                if not name.endswith(":ours"):
                    results[name][0].append(run_benchmark(opts.redis_port, args))
                for i, port in enumerate(ports):
                    results[name][1][i].append(run_benchmark(port, args))
        if len(jars) > 1:
            print_side_by_side(suite, jars, results, opts.rounds, loads)
            return
        results = {name: (redis, per_jar[0]) for name, (redis, per_jar) in results.items()}
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


def print_side_by_side(suite, jars, results, rounds, loads):
    """One row per workload: redis, then per jar its rps and ratio, then each jar against the first (paired per round)."""
    labels = [label for label, _ in jars]
    print(f"rounds: {rounds} (median of each); load average at each round: {' | '.join(loads)}")
    for label, path in jars:
        print(f"- {label}: {path}")
    head = "| workload | redis-server rps |" + "".join(f" {l} rps | {l} ratio |" for l in labels) \
        + "".join(f" {l} vs {labels[0]} |" for l in labels[1:])
    print(head)
    print("|---|---|" + "---|---|" * len(labels) + "---|" * (len(labels) - 1))
    for name, _, *ref in suite:
        redis, per_jar = results[name]
        if ref:
            base = statistics.median(results[ref[0]][0])
            how = f" (/ redis {ref[0]})"
        elif redis:
            base, how = statistics.median(redis), "x"
        else:
            base, how = None, ""
        cells = []
        for runs in per_jar:
            rps = statistics.median(runs)
            cells.append(f" {rps:,.0f} | {rps / base:.2f}{how} |" if base else f" {rps:,.0f} | — |")
        paired = [statistics.median(a / b for a, b in zip(runs, per_jar[0])) for runs in per_jar[1:]]
        redis_txt = f"{statistics.median(redis):,.0f}" if redis else "—"
        print(f"| {name.removesuffix(':ours')} | {redis_txt} |" + "".join(cells) + "".join(f" {x:.2f}x |" for x in paired))


if __name__ == "__main__":
    main()
