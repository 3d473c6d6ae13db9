#!/usr/bin/env python3
"""Cross-shard label-filtered queries on a 2-shard cluster, as a ratio to a single node holding the same data.

Issue 10's target: a cross-shard TS.MRANGE aggregated scan over 2 shards takes at most 1.5x the
single node's latency. Three processes run side by side: a single node, and two cluster nodes
(2 shards x 1 member, slots split as create-cluster does). Every server is pinned to core 0, so
the two shards together get the same CPU as the single node, and redis-benchmark (-c 1) runs on
core 1. The data (SERIES series of SAMPLES samples at 10 s, labels metric=cpu host=hNN sid=N,
values with two decimals) is loaded into the single node and, split by hash slot, into the
shards; the script checks that both cluster nodes answer every query exactly as the single node
before timing. Per round and query: the single node, then the cluster through n0 and through n1;
the ratio is cluster mean latency / single mean latency (redis-benchmark's avg_latency_ms), and
the table gives the median over rounds. Quote the load average printed with it.

usage: cluster_query_bench.py [--rounds 5] [--series 200] [--samples 5000] [--jar JAR] [--port-base 22500]
"""
import argparse, json, os, random, statistics, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as B

T0 = 1_700_000_000_000
STEP = 10_000
QUERIES = [
    ("MRANGE avg 1 h (aggregated scan)", ["TS.MRANGE", "-", "+", "AGGREGATION", "avg", "3600000", "FILTER", "metric=cpu"], 60),
    ("MRANGE max 1 h GROUPBY host REDUCE max", ["TS.MRANGE", "-", "+", "AGGREGATION", "max", "3600000", "FILTER", "metric=cpu",
                                                "GROUPBY", "host", "REDUCE", "max"], 60),
    ("MRANGE - + COUNT 10", ["TS.MRANGE", "-", "+", "COUNT", "10", "FILTER", "metric=cpu"], 200),
    ("MGET FILTER metric=cpu", ["TS.MGET", "FILTER", "metric=cpu"], 500),
    ("QUERYINDEX metric=cpu", ["TS.QUERYINDEX", "metric=cpu"], 500),
]


def crc16(data):
    crc = 0
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc


def slot(key):
    k = key.encode()
    s = k.find(b"{")
    if s >= 0:
        e = k.find(b"}", s + 1)
        if e > s + 1:
            k = k[s + 1:e]
    return crc16(k) % 16384


def write_data(series, samples):
    """RESP files: all series (single node) and the series of each shard (slots 0-8191, 8192-16383)."""
    rnd = random.Random(42)
    paths = [os.path.join(B.CACHE, f"cq_{series}_{samples}_{n}.resp") for n in ("all", "s0", "s1")]
    if all(os.path.exists(p) for p in paths):
        return paths
    os.makedirs(B.CACHE, exist_ok=True)
    files = [open(p + ".tmp", "wb") for p in paths]
    for i in range(series):
        key = "cq:%04d" % i
        shard = 1 if slot(key) >= 8192 else 0
        cmds = [B.encode("TS.CREATE", key, "LABELS", "metric", "cpu", "host", "h%02d" % (i % 20), "sid", i)]
        for start in range(0, samples, 1000):
            args = ["TS.MADD"]
            for t in range(start, min(samples, start + 1000)):
                args += [key, T0 + t * STEP + i, "%.2f" % (rnd.random() * 100)]
            cmds.append(B.encode(*args))
        for c in cmds:
            files[0].write(c)
            files[1 + shard].write(c)
    for f, p in zip(files, paths):
        f.close()
        os.rename(p + ".tmp", p)
    return paths


def topology(path, ports):
    shards = []
    for i, p in enumerate(ports):
        first, last = i * 16384 // len(ports), (i + 1) * 16384 // len(ports) - 1
        shards.append({"raft_group_id": "00000000-0000-0c0e-0000-%012d" % i, "slots": [[first, last]],
                       "members": [{"node_id": "n%d" % i, "host": "127.0.0.1", "port": p, "raft_port": p + 100}]})
    with open(path, "w") as f:
        json.dump({"version": 1, "shards": shards}, f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--series", type=int, default=200)
    ap.add_argument("--samples", type=int, default=5000)
    ap.add_argument("--jar", default=B.DEFAULT_JAR)
    ap.add_argument("--port-base", type=int, default=22500)
    args = ap.parse_args()

    all_path, s0_path, s1_path = write_data(args.series, args.samples)
    work = B.scratch_dir("cluster-query-bench-")
    single_port, n0_port, n1_port = args.port_base, args.port_base + 1, args.port_base + 2
    topo = os.path.join(work, "topology.json")
    topology(topo, [n0_port, n1_port])
    opts = ["-Xmx512m"]
    single = B.Ours(args.jar, single_port, os.path.join(work, "single"), java_opts=opts)
    nodes = [B.Ours(args.jar, p, os.path.join(work, "n%d" % i), java_opts=opts,
                    args=["--cluster-topology", topo, "--node-id", "n%d" % i]) for i, p in enumerate([n0_port, n1_port])]
    servers = [single] + nodes
    try:
        for s in servers:
            s.start(wait=False)
        for s in servers:
            B.wait_ping(s.port)
        B.pipe(single_port, all_path)
        B.pipe(n0_port, s0_path)
        B.pipe(n1_port, s1_path)
        B.log(f"loaded {args.series} series x {args.samples} samples; dbsize n0={B.Resp(n0_port).call('DBSIZE')} "
              f"n1={B.Resp(n1_port).call('DBSIZE')}")
        clients = {p: B.Resp(p) for p in (single_port, n0_port, n1_port)}
        for name, cmd, _ in QUERIES:
            want = clients[single_port].call(*cmd)
            for p in (n0_port, n1_port):
                if clients[p].call(*cmd) != want:
                    raise SystemExit(f"{name}: the cluster through port {p} answers differently from the single node")
        B.log("the cluster answers every query exactly as the single node")
        results = {name: {"single": [], "n0": [], "n1": []} for name, _, _ in QUERIES}
        for r in range(args.rounds):
            for name, cmd, n in QUERIES:
                for label, port in (("single", single_port), ("n0", n0_port), ("n1", n1_port)):
                    res = B.redis_benchmark(port, ["-c", "1", "-n", n] + cmd)
                    results[name][label].append(res["avg_latency_ms"])
            B.log(f"round {r + 1}/{args.rounds} done, load average {B.loadavg()}")
        print(f"\n{args.series} series x {args.samples} samples, {args.rounds} rounds, load average at the end {B.loadavg()}")
        print("| query | single node ms | cluster via n0 ms | via n1 ms | ratio (median of rounds, n0 / n1) |")
        print("|---|---|---|---|---|")
        for name, _, _ in QUERIES:
            d = results[name]
            ratios0 = [c / s for c, s in zip(d["n0"], d["single"])]
            ratios1 = [c / s for c, s in zip(d["n1"], d["single"])]
            print(f"| {name} | {statistics.median(d['single']):.2f} | {statistics.median(d['n0']):.2f} | "
                  f"{statistics.median(d['n1']):.2f} | {statistics.median(ratios0):.2f}x / {statistics.median(ratios1):.2f}x |")
    finally:
        for s in servers:
            s.stop_quietly()
        B.remove(work)


if __name__ == "__main__":
    main()
