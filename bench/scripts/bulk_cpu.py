#!/usr/bin/env python3
"""Bulk ingest (issue 11 item 1) by server CPU time: the `redis-cli --pipe` load of the 500 stock
series (TS.MADD of 500 samples each, 5M samples, market_bench.py's data) into a fresh server.

`python3 bench/scripts/bulk_cpu.py --jar AFTER.jar [--before BEFORE.jar] [--rounds 3] [--port 32001]
[--java-opts=-Dname=value] [--before-java-opts=...]  (the = form: the values start with a dash)`

Each round starts a fresh server per jar (defaults: appendfsync everysec, --duplicate-policy last,
pinned to core 0; redis-cli on core 1), creates the series, then times the sample load: wall
seconds and the server process's CPU seconds (user + system of all its threads, from
/proc/PID/stat) spent during the load, and the CPU seconds of its I/O threads (the command path,
without JIT compilation, GC and RocksDB's background threads). On a shared machine CPU seconds per sample is the figure
that carries: wall time depends on what else runs. Prints medians and the load average;
`--jfr FILE` records a JFR profile (settings=profile) of the first round's load of --jar.
"""
import argparse, os, statistics, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as B
import market_bench as M

SAMPLES = M.STOCKS * M.STOCK_SAMPLES


def cpu_seconds(pid, thread_prefix=None):
    """User + system CPU seconds of the process, or of its threads whose name starts with thread_prefix."""
    if thread_prefix is None:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            stat = open(f"/proc/{pid}/task/{tid}/stat").read()
        except OSError:
            continue
        if stat[stat.index("(") + 1:].startswith(thread_prefix):
            fields = stat.rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def one_load(jar, port, work, creates, samples, jfr=None, java_opts=()):
    srv = B.Ours(jar, port, os.path.join(work, "data-%d" % port), args=["--duplicate-policy", "last"], java_opts=java_opts).start()
    try:
        B.pipe(port, creates)
        if jfr:
            subprocess.run(["jcmd", str(srv.pid), "JFR.start", "name=load", "settings=" + os.environ.get("JFR_SETTINGS", "profile")], check=True, capture_output=True)
        cpu0, io0 = cpu_seconds(srv.pid), cpu_seconds(srv.pid, "stocktsdb-io")
        wall = B.pipe(port, samples)
        cpu, io = cpu_seconds(srv.pid) - cpu0, cpu_seconds(srv.pid, "stocktsdb-io") - io0
        if jfr:
            subprocess.run(["jcmd", str(srv.pid), "JFR.stop", "name=load", "filename=" + jfr], check=True, capture_output=True)
        return wall, cpu, io
    finally:
        srv.stop_quietly()
        B.remove(os.path.join(work, "data-%d" % port))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jar", default=B.DEFAULT_JAR)
    ap.add_argument("--before", default=None)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--port", type=int, default=7801)
    ap.add_argument("--jfr", default=None)
    ap.add_argument("--java-opts", default="", help="JVM options of --jar's server (space-separated)")
    ap.add_argument("--before-java-opts", default=None, help="JVM options of --before's server (default: --java-opts)")
    a = ap.parse_args()
    creates = B.cached_file("market_stock_creates", M.write_stock_creates)
    samples = B.cached_file("market_stock_samples", M.write_stock_samples)
    work = B.scratch_dir("bulk-cpu-")
    jars = [("after", a.jar)] + ([("before", a.before)] if a.before else [])
    opts = {"after": a.java_opts.split(), "before": (a.java_opts if a.before_java_opts is None else a.before_java_opts).split()}
    res = {label: [] for label, _ in jars}
    try:
        for rnd in range(a.rounds):
            order = jars if rnd % 2 == 0 else jars[::-1]
            for label, jar in order:
                wall, cpu, io = one_load(jar, a.port, work, creates, samples, a.jfr if (rnd == 0 and label == "after") else None, opts[label])
                res[label].append((wall, cpu, io))
                B.log(f"round {rnd + 1} {label}: wall {wall:.2f} s ({SAMPLES / wall:,.0f} samples/s), "
                      f"server CPU {cpu:.2f} s ({SAMPLES / cpu:,.0f} samples per CPU second), I/O threads {io:.2f} s, load {B.loadavg()}")
    finally:
        B.remove(work)
    print("| jar | wall s (median) | samples/s wall | server CPU s (median) | samples per server CPU s | I/O threads CPU s | samples per I/O-thread CPU s |")
    print("|---|---|---|---|---|---|---|")
    for label, jar in jars:
        wall = statistics.median(r[0] for r in res[label])
        cpu = statistics.median(r[1] for r in res[label])
        io = statistics.median(r[2] for r in res[label])
        print(f"| {label} ({os.path.basename(jar)} {' '.join(opts[label])}) | {wall:.2f} | {SAMPLES / wall:,.0f} | {cpu:.2f} | {SAMPLES / cpu:,.0f} | {io:.2f} | {SAMPLES / io:,.0f} |")
    print(f"load average at the end: {B.loadavg()}")


if __name__ == "__main__":
    main()
