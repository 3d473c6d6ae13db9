#!/usr/bin/env python3
"""10,000 concurrent connections against StockTSDB: all held at once, PING answered on every one,
and the server's heap cost per idle connection.

Starts the server jar (its own process, so the heap reading is the server's alone), measures its
heap after a full GC (jcmd GC.run + GC.heap_info), opens N connections and sends PING on each,
reads every +PONG, measures the heap again after a full GC with all connections still open, and
prints connections held, PONGs received, heap growth per connection, RSS growth and Netty direct
memory. Raises the open-files limit to the hard limit (the server process inherits it).

usage: conn10k.py [--connections 10000] [--jar server/target/stocktsdb.jar] [--port 6399]
                  [--java java] [--xmx 1g]
"""
import argparse, os, re, resource, selectors, shutil, socket, subprocess, sys, tempfile, time
from benchlib import wait_port


def raise_nofile(needed):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        raise SystemExit(f"open files limit {soft} < {needed}: raise the hard limit (ulimit -Hn)")


def heap_used_after_gc(pid):
    """Used heap in bytes after a full GC, from jcmd GC.heap_info."""
    subprocess.run(["jcmd", str(pid), "GC.run"], check=True, capture_output=True)
    time.sleep(0.5)
    out = subprocess.run(["jcmd", str(pid), "GC.heap_info"], check=True, capture_output=True, text=True).stdout
    m = re.search(r"total \d+K, used (\d+)K", out)
    if not m:
        raise SystemExit("cannot read GC.heap_info:\n" + out)
    return int(m.group(1)) * 1024


def rss(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def info_field(port, section, field):
    out = subprocess.run(["redis-cli", "-p", str(port), "INFO", section], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith(field + ":"):
            return line.split(":", 1)[1].strip()
    return "?"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--connections", type=int, default=10000)
    ap.add_argument("--jar", default="server/target/stocktsdb.jar")
    ap.add_argument("--port", type=int, default=6399)
    ap.add_argument("--java", default="java")
    ap.add_argument("--xmx", default="1g")
    a = ap.parse_args()
    n = a.connections
    raise_nofile(n + 200)
    if not os.path.exists(a.jar):
        raise SystemExit(f"{a.jar} missing: mvn -q -o -pl server -am package -DskipTests")
    data = tempfile.mkdtemp(prefix="stocktsdb-conn10k-")
    server = subprocess.Popen([a.java, f"-Xmx{a.xmx}", "-jar", a.jar, "--port", str(a.port), "--metrics-port", "0",
                               "--max-connections", str(n + 100), "--data-dir", data],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    socks = []
    try:
        wait_port(a.port)
        time.sleep(2)  # let start-up garbage settle
        heap0 = heap_used_after_gc(server.pid)
        rss0 = rss(server.pid)
        t0 = time.time()
        for i in range(n):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            s.connect(("127.0.0.1", a.port))
            s.setblocking(False)
            socks.append(s)
        t_connect = time.time() - t0
        sel = selectors.DefaultSelector()
        for s in socks:
            s.send(b"PING\r\n")
            sel.register(s, selectors.EVENT_READ)
        pongs = 0
        pending = {s.fileno(): b"" for s in socks}
        deadline = time.time() + 120
        while pongs < n and time.time() < deadline:
            for key, _ in sel.select(timeout=1):
                s = key.fileobj
                chunk = s.recv(64)
                if not chunk:
                    sel.unregister(s)
                    continue
                pending[s.fileno()] += chunk
                if pending[s.fileno()].endswith(b"\r\n"):
                    if pending[s.fileno()] == b"+PONG\r\n":
                        pongs += 1
                    sel.unregister(s)
        t_ping = time.time() - t0 - t_connect
        held = info_field(a.port, "clients", "connected_clients")
        heap1 = heap_used_after_gc(server.pid)
        rss1 = rss(server.pid)
        direct = info_field(a.port, "memory", "netty_direct_memory_used")
        print(f"connections opened      {len(socks)} in {t_connect:.1f} s")
        print(f"PONG received           {pongs} of {n} in {t_ping:.1f} s")
        print(f"connected_clients       {held} (includes the INFO connection)")
        print(f"heap after GC           {heap0 / 1e6:.1f} MB idle -> {heap1 / 1e6:.1f} MB with {n} connections")
        print(f"heap per connection     {(heap1 - heap0) / n / 1024:.2f} KB")
        print(f"RSS per connection      {(rss1 - rss0) / n / 1024:.2f} KB (RSS {rss0 / 1e6:.0f} -> {rss1 / 1e6:.0f} MB)")
        print(f"netty direct memory     {direct} bytes")
        if pongs != n:
            sys.exit(1)
    finally:
        for s in socks:
            s.close()
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
