#!/usr/bin/env python3
"""One huge SET against a server that this script starts: peak and final RSS, the SET's time and the
worst and p99 PING latency two other clients see meanwhile (and, as a
baseline, in the seconds before it), then a GET of the value: its time and peak RSS above the RSS after the SET (issue 13 item 3; DamagedFilesIT's sibling
HugeValueIT runs a small version of this in CI).

  python3 bench/scripts/huge_value.py --jar server/target/stocktsdb.jar --mb 500 --port 24100
  python3 bench/scripts/huge_value.py --redis-server /usr/bin/redis-server --mb 500 --port 24101   # the yardstick
"""
import argparse, os, shutil, socket, subprocess, sys, tempfile, threading, time


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def wait_port(port, proc, timeout=120):
    end = time.time() + timeout
    while time.time() < end:
        if proc.poll() is not None:
            sys.exit(f"server exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                if s.recv(16):
                    return
        except OSError:
            time.sleep(0.2)
    sys.exit("server did not start")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jar")
    ap.add_argument("--redis-server")
    ap.add_argument("--mb", type=int, default=500)
    ap.add_argument("--port", type=int, default=24100)
    ap.add_argument("--jvm", default="")
    ap.add_argument("--baseline-s", type=float, default=5, help="seconds of PINGs before the SET, reported as the baseline")
    ap.add_argument("--slow-ms", type=float, default=0, help="print every PING at least this slow, with its time after the SET started")
    a = ap.parse_args()
    data = tempfile.mkdtemp(prefix="huge-", dir="/tmp")
    if a.jar:
        cmd = ["java"] + a.jvm.split() + ["-jar", a.jar, "--port", str(a.port), "--metrics-port", "0", "--data-dir", data]
    else:
        cmd = [a.redis_server, "--port", str(a.port), "--dir", data, "--appendonly", "yes", "--save", "", "--proto-max-bulk-len", "1gb"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_port(a.port, proc)
        time.sleep(2)
        idle = rss_kb(proc.pid)
        peak = [idle]
        stop = threading.Event()

        def sample():
            while not stop.is_set():
                peak[0] = max(peak[0], rss_kb(proc.pid))
                time.sleep(0.02)

        pings = []
        t0 = [time.perf_counter()]

        def ping():
            with socket.create_connection(("127.0.0.1", a.port)) as s:
                while not stop.is_set():
                    t = time.perf_counter()
                    s.sendall(b"PING\r\n")
                    s.recv(16)
                    pings.append(time.perf_counter() - t)
                    if a.slow_ms and pings[-1] * 1000 >= a.slow_ms:
                        print(f"slow PING {pings[-1] * 1000:.0f} ms at +{t - t0[0]:.2f} s", flush=True)
                    time.sleep(0.005)


        # two PING connections: with two event loops, one of them shares the big client's loop
        threads = [threading.Thread(target=sample, daemon=True), threading.Thread(target=ping, daemon=True),
                   threading.Thread(target=ping, daemon=True)]
        for t in threads:
            t.start()
        # the same PING clients for a while before the SET: the machine's own latency, to compare with
        time.sleep(a.baseline_s)
        baseline = list(pings)
        pings.clear()
        size = a.mb << 20
        chunk = b"x" * (1 << 20)
        t0[0] = time.perf_counter()
        with socket.create_connection(("127.0.0.1", a.port)) as s:
            s.sendall(b"*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$%d\r\n" % size)
            for _ in range(a.mb):
                s.sendall(chunk)
            s.sendall(b"\r\n")
            reply = s.recv(64)
        took = time.perf_counter() - t0[0]
        time.sleep(1)
        stop.set()
        for t in threads:
            t.join()
        time.sleep(4)
        after = rss_kb(proc.pid)
        with socket.create_connection(("127.0.0.1", a.port)) as s:
            s.sendall(b"STRLEN big\r\n")
            strlen = s.recv(64)
        # GET it back (read whole, checked by length): its own peak above the RSS after the SET
        stop.clear()
        set_peak = peak[0]
        peak[0] = after
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        t1 = time.perf_counter()
        got = 0
        with socket.create_connection(("127.0.0.1", a.port)) as s:
            s.sendall(b"GET big\r\n")
            header = b""
            while not header.endswith(b"\r\n"):
                header += s.recv(1)
            want = int(header[1:-2]) + 2
            buf = bytearray(1 << 20)
            while got < want:
                n = s.recv_into(buf, min(len(buf), want - got))
                if n == 0:
                    break
                got += n
        get_s = time.perf_counter() - t1
        stop.set()
        sampler.join()
        mb = lambda kb: kb / 1024
        pct = lambda xs, q: sorted(xs)[int(len(xs) * q)] * 1000 if xs else 0
        print(f"reply={reply!r} strlen={strlen!r} took_s={took:.2f} idle_rss_mb={mb(idle):.0f} peak_rss_mb={mb(set_peak):.0f} "
              f"peak_above_idle_mb={mb(set_peak - idle):.0f} after_rss_mb={mb(after):.0f} pings={len(pings)} "
              f"max_ping_ms={max(pings) * 1000:.1f} p99_ping_ms={pct(pings, 0.99):.1f} "
              f"baseline_max_ping_ms={max(baseline, default=0) * 1000:.1f} baseline_p99_ping_ms={pct(baseline, 0.99):.1f} "
              f"get_ok={got == size + 2} get_s={get_s:.2f} get_peak_above_after_mb={mb(peak[0] - after):.0f} load={os.getloadavg()[0]:.1f}")
    finally:
        proc.terminate()
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
