#!/usr/bin/env python3
"""Operations benchmarks against the real jar (docs/operations.md quotes the figures).

1. import: a generated stock_quotes CSV (ROWS rows = STOCKS stocks x ROWS/STOCKS timestamps,
   6 numeric fields per row) imported with `stocktsdb import` into a fresh local server;
   prints rows/s and samples/s end to end (CSV read to every reply received).
2. scrape: SERIES_TARGET series created by importing a one-row-per-stock CSV (6 series per stock),
   then GET /metrics SCRAPES times; prints median and max scrape time.

usage: ops_bench.py [--jar server/target/stocktsdb.jar] [--rows 1000000] [--stocks 1000]
                    [--series 100000] [--scrapes 30] [--java java] [--connections 2]
"""
import argparse, os, re, resource, shutil, socket, statistics, subprocess, sys, tempfile, time, urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, proc, timeout=60):
    end = time.time() + timeout
    while time.time() < end:
        if proc.poll() is not None:
            sys.exit("server exited with %s" % proc.returncode)
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    sys.exit("server did not listen on %d" % port)


def cpu_seconds(pid):
    """user+system CPU of a process so far, from /proc (Linux)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def write_quotes(path, rows, stocks, t0=1704187800000):
    """rows in time order, each stock once per timestamp; prices with two decimals."""
    with open(path, "w") as f:
        f.write("timestamp,stock_code,market,open,high,low,close,volume,amount\n")
        for i in range(rows // stocks):
            ts = t0 + i * 1000
            for s in range(stocks):
                p = 1000 + s + (i % 500) * 0.01
                f.write("%d,SH%06d,SH,%.2f,%.2f,%.2f,%.2f,%d,%.2f\n" % (ts, 600000 + s, p, p + 1, p - 1, p + 0.5, 1000 + i, p * 1000))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jar", default="server/target/stocktsdb.jar")
    ap.add_argument("--java", default=shutil.which("java") or "java")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--stocks", type=int, default=1000)
    ap.add_argument("--series", type=int, default=100_000)
    ap.add_argument("--scrapes", type=int, default=30)
    ap.add_argument("--connections", type=int, default=2)
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="stocktsdb-opsbench-")
    port, mport = free_port(), free_port()
    log = open(os.path.join(work, "server.log"), "w")
    server = subprocess.Popen([a.java, "-Xmx4g", "-jar", a.jar, "--port", str(port), "--metrics-port", str(mport),
                               "--data-dir", os.path.join(work, "data")], stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_port(port, server)
        csv = os.path.join(work, "quotes.csv")
        write_quotes(csv, a.rows, a.stocks)
        size = os.path.getsize(csv)
        server_cpu0 = cpu_seconds(server.pid)
        child0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.time()
        out = subprocess.run([a.java, "-jar", a.jar, "import", "--file", csv, "--business", "stock_quotes",
                              "--port", str(port), "--progress", "lines", "--connections", str(a.connections)],
                             capture_output=True, text=True)
        wall = time.time() - start
        server_cpu = cpu_seconds(server.pid) - server_cpu0
        child1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        client_cpu = (child1.ru_utime + child1.ru_stime) - (child0.ru_utime + child0.ru_stime)
        print(out.stdout.strip())
        if out.returncode != 0:
            sys.exit("import failed: " + out.stderr)
        samples = int(re.search(r"samples written:\s+(\d+)", out.stdout).group(1))
        print("IMPORT rows=%d file=%.1f MB wall(incl. JVM start)=%.2f s -> %.0f rows/s, %.0f samples/s"
              % (a.rows, size / 1e6, wall, a.rows / wall, samples / wall))
        print("CPU server=%.2f s client=%.2f s -> %.2f us of CPU per sample; load average now %s"
              % (server_cpu, client_cpu, (server_cpu + client_cpu) * 1e6 / samples, open("/proc/loadavg").read().split()[0]))

        stocks = a.series // 6 - a.stocks
        if stocks > 0:
            csv2 = os.path.join(work, "wide.csv")
            with open(csv2, "w") as f:
                f.write("timestamp,stock_code,market,open,high,low,close,volume,amount\n")
                for s in range(stocks):
                    f.write("1704187800000,SZ%07d,SZ,1,2,0.5,1.5,10,15\n" % s)
            r = subprocess.run([a.java, "-jar", a.jar, "import", "--file", csv2, "--business", "stock_quotes",
                                "--port", str(port), "--progress", "none"], capture_output=True, text=True)
            if r.returncode != 0:
                sys.exit("series import failed: " + r.stdout + r.stderr)
        url = "http://127.0.0.1:%d/metrics" % mport
        body = urllib.request.urlopen(url).read().decode()
        series = float(re.search(r"^stocktsdb_series (\S+)$", body, re.M).group(1))
        times = []
        for _ in range(a.scrapes):
            t = time.perf_counter()
            urllib.request.urlopen(url).read()
            times.append((time.perf_counter() - t) * 1000)
        print("SCRAPE series=%d bytes=%d median=%.1f ms max=%.1f ms (n=%d)"
              % (series, len(body), statistics.median(times), max(times), len(times)))
    finally:
        server.terminate()
        server.wait(60)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
