#!/usr/bin/env python3
"""The performance issue's table (issue 11) on StockTSDB, with the redis-server yardstick.

One command: `python3 bench/scripts/market_bench.py [--rounds 3] [--jar JAR] [--label NAME]`.
Before/after pairs in one go: `--before OLD.jar` runs a second server beside the first, loads the
same data into both and measures every row on both, alternating, in each round (ratio after/before
in the last column). `--rows avg,max,MRANGE` keeps the rows whose name contains one of the words.
Each row also records the server's CPU time per request (user + system of the server process
around each redis-benchmark run; per sample for the bulk load): the figure that still compares
two jars fairly when the machine is busy.

Data (generated here, deterministic, cached in $BENCH_CACHE):
  tick   one series, 2,000,000 samples, irregular 1-500 ms steps, 3-decimal random walk,
         TS.CREATE tick DUPLICATE_POLICY LAST, loaded as TS.MADD of 500 samples each;
  stocks 500 series stk:NNNN:close, 10,000 samples each at 3 s, 2-decimal walks, labels
         market SH/SZ, sector s00..s19, field close; one TS.MADD of 500 samples (one per series)
         per timestamp. Its `redis-cli --pipe` load is the bulk-ingest row.

Method (bench/BASELINES.md): server pinned to core 0 (`taskset -c 0`), every client
(redis-benchmark, redis-cli --pipe) to core 1; a plain redis-server (persistence off), also on
core 0, measured in the same round right before ours with `SET -P 16 -c 50` and `GET -c 1`.
Machine factor = redis now / redis in the RTS baseline run (SET -P16 1.295M, GET c=1 15.35k, the
middles of the ranges bench/BASELINES.md gives); ours vs RTS = (ours / factor) / RTS. The heavy rows
(scans, bulk load, pipelined adds) use the SET -P16 factor, the one-client light rows the GET c=1
factor is printed beside. Rounds alternate yardstick and ours; medians over rounds.

The 600-pipeline row (issue 11 item 4): 600 pipelined `TS.RANGE tick T0 T0+1d` (~345k samples
each) on one connection that reads as fast as it can, while a second connection PINGs every 5 ms:
first-byte latency, total time, the worst PING, and the client's largest `omem` (CLIENT LIST).
"""
import argparse, json, os, random, socket, statistics, subprocess, sys, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as B

T0 = 1_700_000_000_000
TICKS = 2_000_000
STOCKS, STOCK_SAMPLES, STOCK_STEP = 500, 10_000, 3000
BASE_SET_P16, BASE_GET_C1 = 1_295_000, 15_350

# name, clients, redis-benchmark args (after -c), RTS rps (from bench/BASELINES.md), reply size check
QUERIES = [
    ("TS.GET tick", 50, ["TS.GET", "tick"], 74_158),
    ("TS.RANGE tick - + COUNT 100", 50, ["TS.RANGE", "tick", "-", "+", "COUNT", "100"], 25_804),
    ("TS.REVRANGE tick - + COUNT 100", 50, ["TS.REVRANGE", "tick", "-", "+", "COUNT", "100"], 30_859),
    ("TS.RANGE tick 250 s window (~1000 samples)", 10, ["TS.RANGE", "tick", str(T0 + 100_000_000), str(T0 + 100_250_000)], 2_793),
    ("TS.RANGE tick - + AGGREGATION avg 3600000 (2M)", 2, ["TS.RANGE", "tick", "-", "+", "AGGREGATION", "avg", "3600000"], 24),
    ("TS.RANGE tick - + AGGREGATION max 3600000 (2M)", 2, ["TS.RANGE", "tick", "-", "+", "AGGREGATION", "max", "3600000"], 29),
    ("TS.RANGE tick 1 h window AGGREGATION range 300000", 10,
     ["TS.RANGE", "tick", str(T0 + 100_000_000), str(T0 + 103_600_000), "AGGREGATION", "range", "300000"], 2_022),
    ("TS.MGET FILTER market=SH (250 series)", 10, ["TS.MGET", "FILTER", "market=SH"], 3_907),
    ("TS.QUERYINDEX sector=s03", 10, ["TS.QUERYINDEX", "sector=s03"], 47_557),
    ("TS.MRANGE - + AGGREGATION max 3600000 FILTER sector=s03 (25 x 10k)", 4,
     ["TS.MRANGE", "-", "+", "AGGREGATION", "max", "3600000", "FILTER", "sector=s03"], 534),
    ("TS.MRANGE - + AGGREGATION last 86400000 FILTER field=close GROUPBY sector REDUCE avg (5M)", 2,
     ["TS.MRANGE", "-", "+", "AGGREGATION", "last", "86400000", "FILTER", "field=close", "GROUPBY", "sector", "REDUCE", "avg"], 17),
]
# TS.ADD rows: RTS is known as a ratio to plain redis SET in the same conditions (bench/BASELINES.md)
ADDS = [("TS.ADD -P 1, 50 connections", "1", 0.88), ("TS.ADD -P 16, 50 connections", "16", 0.33)]


# ------------------------------------------------------------------ data

def madd(f, triples):
    f.write(b"*%d\r\n$7\r\nTS.MADD\r\n" % (1 + 3 * len(triples)))
    for k, t, v in triples:
        for a in (k, t, v):
            f.write(b"$%d\r\n%s\r\n" % (len(a), a))


def write_tick(f):
    rnd = random.Random(42)
    f.write(B.encode("TS.CREATE", "tick", "DUPLICATE_POLICY", "LAST"))
    ts, milli = T0, 100_000
    batch = []
    for _ in range(TICKS):
        ts += rnd.randint(1, 500)
        milli = max(1_000, milli + rnd.randint(-50, 50))
        batch.append((b"tick", b"%d" % ts, b"%d.%03d" % divmod(milli, 1000)))
        if len(batch) == 500:
            madd(f, batch)
            batch = []
    if batch:
        madd(f, batch)


def stock_key(i):
    return b"stk:%04d:close" % i


def write_stock_creates(f):
    for i in range(STOCKS):
        f.write(B.encode("TS.CREATE", stock_key(i), "DUPLICATE_POLICY", "LAST", "LABELS", "market", "SH" if i % 2 == 0 else "SZ",
                         "sector", "s%02d" % (i % 20), "field", "close"))


def write_stock_samples(f):
    rnd = random.Random(7)
    cents = [10_000 + 100 * (i % 50) for i in range(STOCKS)]
    keys = [stock_key(i) for i in range(STOCKS)]
    for j in range(STOCK_SAMPLES):
        t = b"%d" % (T0 + j * STOCK_STEP)
        triples = []
        for i in range(STOCKS):
            cents[i] = max(100, cents[i] + rnd.randint(-20, 20))
            triples.append((keys[i], t, b"%d.%02d" % divmod(cents[i], 100)))
        madd(f, triples)


def day_range_count(port):
    r = B.Resp(port)
    try:
        return len(r.call("TS.RANGE", "tick", str(T0), str(T0 + 86_400_000)))
    finally:
        r.close()


# ------------------------------------------------------------------ measurements

PIDS = {}  # port -> server pid, for the server CPU each row costs
CPU = {}   # (port, row name) -> [server CPU microseconds per request, one per round]


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bench(port, clients, args, n, row=None):
    """redis-benchmark's requests/s; with row, also notes the server's CPU microseconds per request."""
    pid = PIDS.get(port)
    cpu0 = cpu_seconds(pid) if pid and row else None
    rps = B.redis_benchmark(port, ["-c", clients, "-n", n] + args)["rps"]
    if cpu0 is not None:
        CPU.setdefault((port, row), []).append((cpu_seconds(pid) - cpu0) * 1e6 / n)
    return rps


def yardstick(port):
    return {"set_p16": bench(port, 50, ["-t", "set", "-P", "16", "-q"], int(400_000 * SCALE)),
            "get_c1": bench(port, 1, ["-t", "get", "-q"], int(20_000 * SCALE)),
            "set_p1": bench(port, 50, ["-t", "set", "-q"], int(100_000 * SCALE))}


SCALE = 1.0


def requests_for(rts_rps):
    """About two seconds of RTS's rate on a quiet machine (times --scale on a busy one)."""
    return int(max(20, min(100_000, rts_rps * 2) * SCALE))


def pipeline_600(port, lo, hi, commands=600):
    """600 pipelined day ranges on one connection, PINGs on another; see the module doc."""
    req = B.encode("TS.RANGE", "tick", lo, hi) * commands
    stop = threading.Event()
    pings, omem = [], [0]

    def pinger():
        # a C client on the client core: Python threads beside a 600 MB reader measure the GIL
        while not stop.is_set():
            res = B.redis_benchmark(port, ["-c", 1, "-n", 200, "-t", "ping_mbulk"])
            pings.append(res["max_latency_ms"])

    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(B.encode("CLIENT", "ID"))
    cid = s.recv(100).decode().strip()[1:]

    def watcher():
        r = B.Resp(port)
        while not stop.is_set():
            for line in r.call("CLIENT", "LIST").decode().splitlines():
                if line.startswith("id=%s " % cid):
                    omem[0] = max(omem[0], int(line.split(" omem=")[1].split()[0]))
            time.sleep(0.02)
        r.close()

    threads = [threading.Thread(target=pinger), threading.Thread(target=watcher)]
    for t in threads:
        t.start()
    time.sleep(0.2)
    t0 = time.monotonic()
    threading.Thread(target=lambda: s.sendall(req)).start()
    try:
        buf = s.recv(1 << 20)
    except ConnectionResetError:
        buf = b""
    first = (time.monotonic() - t0) * 1000
    return s, t0, first, len(buf), stop, threads, pings, omem


def run_pipeline(port, lo, hi, one_reply_bytes, commands=600):
    s, t0, first, total, stop, threads, pings, omem = pipeline_600(port, lo, hi, commands)
    expected = one_reply_bytes * commands
    s.settimeout(120)
    ok = True
    while total < expected:
        try:
            b = s.recv(1 << 20)
        except ConnectionResetError:
            b = b""
        if not b:
            ok = False
            break
        total += len(b)
    seconds = time.monotonic() - t0
    stop.set()
    for t in threads:
        t.join()
    s.close()
    pings_sorted = sorted(pings)
    return {"completed": ok and total == expected, "first_byte_ms": round(first, 1), "seconds": round(seconds, 2),
            "bytes": total, "ping_max_ms": round(max(pings), 1) if pings else None,
            "ping_p99_ms": round(pings_sorted[int(len(pings_sorted) * 0.99)], 1) if pings else None,
            "pings": len(pings), "max_omem": omem[0]}


def reply_bytes(port, *args):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(B.encode(*args) + B.encode("PING"))
    data = b""
    while not data.endswith(b"\r\n+PONG\r\n"):
        data += s.recv(1 << 20)
    s.close()
    return len(data) - len(b"+PONG\r\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--jar", default=B.DEFAULT_JAR)
    ap.add_argument("--label", default="ours")
    ap.add_argument("--port", type=int, default=7801)
    ap.add_argument("--redis-port", type=int, default=7851)
    ap.add_argument("--pipeline", type=int, default=600)
    ap.add_argument("--java-opts", default="")
    ap.add_argument("--out", default=None, help="write the JSON result here")
    ap.add_argument("--only-pipeline", action="store_true", help="load tick and run the pipeline row only")
    ap.add_argument("--scale", type=float, default=1.0, help="request counts x this (busy machines)")
    ap.add_argument("--jfr-load", default=None, help="record a JFR profile of the bulk load into this file")
    ap.add_argument("--before", default=None, help="a second jar measured beside --jar, row by row (pairs)")
    ap.add_argument("--rows", default=None, help="comma-separated words: only rows whose name contains one")
    ap.add_argument("--skip-pipeline", action="store_true", help="leave out the 600-command pipeline row")
    a = ap.parse_args()
    global SCALE
    SCALE = a.scale

    tick = B.cached_file("market_tick_2m", write_tick)
    creates = B.cached_file("market_stock_creates", write_stock_creates)
    samples = B.cached_file("market_stock_samples", write_stock_samples)

    work = B.scratch_dir("market-bench-")
    wanted = [w for w in (a.rows or "").split(",") if w]
    pick = lambda name: not wanted or any(w in name for w in wanted)
    queries = [q for q in QUERIES if pick(q[0])]
    adds = [x for x in ADDS if pick(x[0])]
    bulk_row = "bulk load --pipe TS.MADD x500 (5M)"
    need_stocks = pick(bulk_row) or any("tick" not in q[0] for q in queries)
    labels = [a.label] + (["before"] if a.before else [])
    jars = {a.label: a.jar, "before": a.before}
    redis = B.RedisServer(a.redis_port, work).start()
    servers = {}
    result = {"label": a.label, "labels": labels, "jar": a.jar, "before": a.before, "load_start": B.loadavg(),
              "rows": {}, "yard": []}
    try:
        for i, label in enumerate(labels):
            servers[label] = B.Ours(jars[label], a.port + i, os.path.join(work, "data-" + label),
                                    args=["--duplicate-policy", "last"],
                                    java_opts=a.java_opts.split() if a.java_opts else []).start()
            PIDS[a.port + i] = servers[label].pid
        rows = {(label, name): [] for label in labels for name in [q[0] for q in queries] + [x[0] for x in adds] + [bulk_row]}
        for label, srv in servers.items():
            port = srv.port
            B.pipe(port, creates)
            if need_stocks and not a.only_pipeline:
                if a.jfr_load and label == a.label:
                    subprocess.run(["jcmd", str(srv.pid), "JFR.start", "name=load", "settings=profile"], check=True, capture_output=True)
                cpu0 = cpu_seconds(srv.pid)
                load_s = B.pipe(port, samples)
                CPU.setdefault((port, bulk_row), []).append((cpu_seconds(srv.pid) - cpu0) * 1e6 / (STOCKS * STOCK_SAMPLES))
                if a.jfr_load and label == a.label:
                    subprocess.run(["jcmd", str(srv.pid), "JFR.stop", "name=load", "filename=" + a.jfr_load], check=True, capture_output=True)
                B.log(f"{label}: stocks loaded in {load_s:.2f} s (load {B.loadavg()})")
                rows[(label, bulk_row)].append(STOCKS * STOCK_SAMPLES / load_s)
            B.pipe(port, tick)
            n = day_range_count(port)
            B.log(f"{label}: tick loaded; a day holds {n} samples")
        for rnd in range(0 if a.only_pipeline else a.rounds):
            y = yardstick(a.redis_port)
            result["yard"].append(y)
            B.log(f"round {rnd + 1}: redis SET -P16 {y['set_p16']:.0f} GET c1 {y['get_c1']:.0f}  load {B.loadavg()}")
            order = labels if rnd % 2 == 0 else labels[::-1]
            for name, clients, args, rts in queries:
                for label in order:
                    rows[(label, name)].append(bench(servers[label].port, clients, args, requests_for(rts), name))
            for name, p, _ in adds:
                for label in order:
                    rows[(label, name)].append(bench(servers[label].port, 50, ["-P", p, "-r", "1000", "TS.ADD", "ing:__rand_int__", "*", "42.5"],
                                                     int((100_000 if p == "1" else 1_000_000) * SCALE), name))
            if rnd > 0 and need_stocks and pick(bulk_row):  # reload the stocks into a fresh key space
                for label in order:
                    port = servers[label].port
                    r = B.Resp(port)
                    for i in range(STOCKS):
                        r.call("DEL", stock_key(i))
                    r.close()
                    B.pipe(port, creates)
                    cpu0 = cpu_seconds(servers[label].pid)
                    rows[(label, bulk_row)].append(STOCKS * STOCK_SAMPLES / B.pipe(port, samples))
                    CPU.setdefault((port, bulk_row), []).append((cpu_seconds(servers[label].pid) - cpu0) * 1e6 / (STOCKS * STOCK_SAMPLES))
        result["rows"] = {f"{label}|{name}": v for (label, name), v in rows.items() if v}
        result["cpu_us"] = {f"{label}|{name}": CPU[(servers[label].port, name)] for label in labels
                            for name in [q[0] for q in queries] + [x[0] for x in adds] + [bulk_row] if (servers[label].port, name) in CPU}
        result["queries"] = [q[0] for q in queries]
        result["adds"] = [x[0] for x in adds]
        if not a.skip_pipeline:
            port = servers[a.label].port
            n = day_range_count(port)
            one = reply_bytes(port, "TS.RANGE", "tick", str(T0), str(T0 + 86_400_000))
            result["pipeline"] = run_pipeline(port, str(T0), str(T0 + 86_400_000), one, a.pipeline)
            result["pipeline"]["day_samples"] = n
            result["pipeline"]["commands"] = a.pipeline
            result["pipeline"]["reply_bytes"] = one
        result["rss_kb"] = int(open(f"/proc/{servers[a.label].pid}/status").read().split("VmRSS:")[1].split()[0])
        result["load_end"] = B.loadavg()
    finally:
        for srv in servers.values():
            srv.stop_quietly()
        redis.stop()
        B.remove(work)
    if not a.only_pipeline:
        report(result)
    else:
        print(json.dumps(result["pipeline"]), result["rss_kb"] // 1024, "MB RSS", result["load_start"], result.get("load_end"))
    if a.out:
        with open(a.out, "w") as f:
            json.dump(result, f, indent=1)


def report(res):
    set_f = statistics.median(y["set_p16"] for y in res["yard"]) / BASE_SET_P16
    get_f = statistics.median(y["get_c1"] for y in res["yard"]) / BASE_GET_C1
    set_p1 = statistics.median(y["set_p1"] for y in res["yard"])
    labels = res["labels"]
    med = lambda label, name: statistics.median(res["rows"][f"{label}|{name}"]) if f"{label}|{name}" in res["rows"] else None
    pair = len(labels) > 1
    print(f"# {' vs '.join(labels)}: machine factor SET -P16 {set_f:.2f}, GET c=1 {get_f:.2f}; load {res['load_start']} -> {res.get('load_end')}")
    head = "| workload | RTS |" + "".join(f" {l} | {l} vs RTS (SET -P16 factor) | ({l}, GET c=1 factor) |" for l in labels)
    print(head + (f" {labels[0]} / before |" if pair else ""))
    print("|" + "---|" * (head.count("|") - 1 + (1 if pair else 0)))
    for name in res["queries"]:
        rts = next(q[3] for q in QUERIES if q[0] == name)
        clients = next(q[1] for q in QUERIES if q[0] == name)
        line = f"| {name} (c={clients}) | {rts:,} rps |"
        for l in labels:
            v = med(l, name)
            line += f" {v:,.0f} rps | {v / set_f / rts:.2f}x | {v / get_f / rts:.2f}x |"
        if pair:
            line += f" {med(labels[0], name) / med('before', name):.2f} |"
        print(line)
    for name in res["adds"]:
        p, rts_ratio = next((x[1], x[2]) for x in ADDS if x[0] == name)
        line = f"| {name} | {rts_ratio} x redis SET |"
        for l in labels:
            v = med(l, name)
            line += f" {v:,.0f} rps | {(v / (set_p1 if p == '1' else set_f * BASE_SET_P16)) / rts_ratio:.2f}x | — |"
        if pair:
            line += f" {med(labels[0], name) / med('before', name):.2f} |"
        print(line)
    bulk = "bulk load --pipe TS.MADD x500 (5M)"
    if med(labels[0], bulk) is not None:
        rts = 5_000_000 / 2.15
        line = f"| {bulk} | 1.85-2.45 s ({rts:,.0f}/s) |"
        for l in labels:
            v = med(l, bulk)
            line += f" {v:,.0f} samples/s | {v / set_f / rts:.2f}x | — |"
        if pair:
            line += f" {med(labels[0], bulk) / med('before', bulk):.2f} |"
        print(line)
    cpu = res.get("cpu_us", {})
    if cpu:
        # server CPU per request (user + system, all threads): what a loaded machine still measures fairly
        print(f"\n| workload | " + " | ".join(f"{l} server CPU us/request (median)" for l in labels)
              + (f" | {labels[0]} / before CPU |" if pair else " |"))
        print("|---|" + "---|" * (len(labels) + (1 if pair else 0)))
        for name in res["queries"] + res["adds"] + [bulk]:
            vals = {l: statistics.median(cpu[f"{l}|{name}"]) for l in labels if f"{l}|{name}" in cpu}
            if not vals:
                continue
            line = f"| {name} | " + " | ".join(f"{vals[l]:,.2f}" if l in vals else "—" for l in labels)
            if pair and labels[0] in vals and "before" in vals:
                line += f" | {vals[labels[0]] / vals['before']:.2f} |"
            else:
                line += " |"
            print(line)
    p = res.get("pipeline")
    if p:
        print(f"\n{p.get('commands')}-command pipeline of day ranges: {json.dumps(p)}  server RSS {res['rss_kb'] // 1024} MB")


if __name__ == "__main__":
    main()
