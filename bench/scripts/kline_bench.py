#!/usr/bin/env python3
"""K-line family targets, against a running server (its pid for CPU figures):

1. ingest CPU: the server's CPU seconds (utime+stime from /proc; also without its JIT compiler
   threads, whose warm-up falls mostly on the first round) to ingest the same ticks with
   TS.MADD (volume then price, pipelined) into instruments without a family and into instruments
   with a family of 4 timeframes (1m 5m 1h 1d, SSE), in the same run;
2. candles: KLINE.MRANGE 1m of one trading day for all instruments: median of 21 runs from the
   command sent to the last reply byte (the reply not parsed), and the parsed round trip beside it.

usage: kline_bench.py PORT PID [instruments=300] [ticks_per_instrument=1440 (one day, every 10 s)] [query-only|ingest-only]
(query-only: the data of an earlier run is there; only step 2 runs. ingest-only: only step 1)
With KLINE_BENCH_JFR=DIR, each second-day round (the steady state) is recorded with JFR
(settings=profile) into DIR/stock:plain.jfr and DIR/stock:fam.jfr, for bench/scripts/jfr_top.py;
the attach costs server CPU, so take the ratios from runs without it.
"""
import os, socket, subprocess, sys, time

T0 = 1796002200000  # 2026-11-30 09:30 Shanghai (a Monday)
SESSION = [(0, 7_200_000), (12_600_000, 19_800_000)]  # 09:30-11:30, 13:00-15:00 from T0


def cmd(*args):
    out = b"*%d\r\n" % len(args)
    for a in args:
        a = str(a).encode()
        out += b"$%d\r\n%s\r\n" % (len(a), a)
    return out


class Conn:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port))
        self.f = self.s.makefile("rb")
        self.consumed = 0  # reply bytes parsed so far

    def send(self, data):
        self.s.sendall(data)

    def read(self):
        line = self.f.readline()
        self.consumed += len(line)
        t, rest = line[:1], line[1:-2]
        if t in (b"+", b"-", b":"):
            if t == b"-":
                raise RuntimeError(rest.decode())
            return rest
        if t == b"$":
            n = int(rest)
            if n < 0:
                return None
            self.consumed += n + 2
            return self.f.read(n + 2)[:-2]
        if t == b"*":
            return [self.read() for _ in range(int(rest))]
        raise ValueError(line)

    def call(self, *args):
        self.send(cmd(*args))
        return self.read()

    def sized(self, *args):
        """The parsed reply and its size in bytes."""
        before = self.consumed
        reply = self.call(*args)
        return reply, self.consumed - before

    def timed_raw(self, size, *args):
        """Milliseconds from sending the command to the last byte of its reply (not parsed)."""
        buf = bytearray(1 << 20)
        t = time.perf_counter()
        self.s.sendall(cmd(*args))
        got = 0
        while got < size:
            got += self.s.recv_into(buf)
        return (time.perf_counter() - t) * 1000


def cpu(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100.0


def jit_cpu(pid):
    """CPU seconds of the JVM's JIT compiler threads (warm-up, not the work measured)."""
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                text = f.read()
        except FileNotFoundError:
            continue
        name = text[text.index("(") + 1:text.rindex(")")]
        if "Compiler" in name:
            fields = text.rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / 100.0


def thread_cpu(pid):
    """CPU seconds per thread group (the thread name without its trailing number), for the breakdown line."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                text = f.read()
        except FileNotFoundError:
            continue
        name = text[text.index("(") + 1:text.rindex(")")].rstrip("0123456789-#:")
        fields = text.rsplit(")", 1)[1].split()
        out[name] = out.get(name, 0) + (int(fields[11]) + int(fields[12])) / 100.0
    return out


def breakdown(before, after):
    """The thread groups that used at least 0.05 s, largest first: where a round's CPU went."""
    diff = {k: v - before.get(k, 0) for k, v in after.items()}
    return ", ".join(f"{k} {v:.2f}" for k, v in sorted(diff.items(), key=lambda x: -x[1]) if v >= 0.05)


def timestamps(n):
    step = (SESSION[0][1] - SESSION[0][0] + SESSION[1][1] - SESSION[1][0]) // n
    out, t = [], 0
    for i in range(n):
        ts = t if t < SESSION[0][1] else t + SESSION[1][0] - SESSION[0][1]
        out.append(T0 + ts)
        t += step
    return out


def ingest(c, prefix, n_inst, ts_list):
    batch = []
    pending = 0
    for k, ts in enumerate(ts_list):
        args = ["TS.MADD"]
        for i in range(n_inst):
            args += [f"{prefix}:{i}:vol", ts, 100 + (k + i) % 7, f"{prefix}:{i}:px", ts, round(10 + ((k * 7 + i) % 100) / 100, 2)]
        batch.append(cmd(*args))
        pending += 1
        if pending == 20:
            c.send(b"".join(batch))
            for _ in range(pending):
                c.read()
            batch, pending = [], 0
    if pending:
        c.send(b"".join(batch))
        for _ in range(pending):
            c.read()


def main():
    port, pid = int(sys.argv[1]), int(sys.argv[2])
    n_inst = int(sys.argv[3]) if len(sys.argv) > 3 else 300
    n_ticks = int(sys.argv[4]) if len(sys.argv) > 4 else 1440
    c = Conn(port)
    if len(sys.argv) > 5 and sys.argv[5] == "query-only":
        query_candles(c, pid)
        return
    for prefix in ("stock:plain", "stock:fam"):
        for i in range(n_inst):
            c.call("TS.CREATE", f"{prefix}:{i}:px", "LABELS", "bench", prefix)
            c.call("TS.CREATE", f"{prefix}:{i}:vol")
    for i in range(n_inst):
        c.call("KLINE.CREATE", f"stock:fam:{i}:k", "PRICE", f"stock:fam:{i}:px", "VOLUME", f"stock:fam:{i}:vol",
               "TIMEFRAMES", "1m", "5m", "1h", "1d", "CALENDAR", "SSE", "LABELS", "bench", "kline")
    ts_list = timestamps(n_ticks)
    results = {}
    for prefix in ("stock:plain", "stock:fam", "stock:plain2", "stock:fam2"):
        base = prefix.rstrip("2")
        if prefix.endswith("2"):  # second round, later timestamps: both again, alternating
            shifted = [t + 86_400_000 for t in ts_list]
        else:
            shifted = ts_list
        jfr = os.environ.get("KLINE_BENCH_JFR") if prefix.endswith("2") else None
        if jfr:
            subprocess.run(["jcmd", str(pid), "JFR.start", "name=kline", "settings=profile",
                            f"filename={jfr}/{base}.jfr"], check=True, capture_output=True)
        before, jit_before, threads_before, wall = cpu(pid), jit_cpu(pid), thread_cpu(pid), time.time()
        ingest(c, base, n_inst, shifted)
        results.setdefault(base, []).append((cpu(pid) - before, time.time() - wall, jit_cpu(pid) - jit_before))
        print(f"{prefix} threads (CPU s): {breakdown(threads_before, thread_cpu(pid))}", flush=True)
        if jfr:
            subprocess.run(["jcmd", str(pid), "JFR.stop", "name=kline"], check=True, capture_output=True)
    ticks = 2 * n_inst * n_ticks
    for base, runs in results.items():
        for cpu_s, wall_s, jit_s in runs:
            print(f"{base}: {ticks} ticks, server CPU {cpu_s:.2f} s (JIT compiler threads {jit_s:.2f} s), wall {wall_s:.2f} s")
    plain = sum(r[0] for r in results["stock:plain"])
    fam = sum(r[0] for r in results["stock:fam"])
    no_jit = [sum(r[0] - r[2] for r in results[b]) for b in ("stock:fam", "stock:plain")]
    print(f"family / plain ingest CPU without the JIT compiler threads = {no_jit[0] / no_jit[1]:.2f}")
    per_tick = [1e6 * (r[0] - r[2]) / (n_inst * n_ticks) for b in ("stock:plain", "stock:fam") for r in results[b]]
    print("server CPU per tick (price + volume) without the JIT threads, us: plain day 1 %.2f, day 2 %.2f; family day 1 %.2f, day 2 %.2f" % tuple(per_tick))
    print(f"second day without the JIT threads: family / plain = {per_tick[3] / per_tick[1]:.2f}")
    print(f"family / plain ingest CPU = {fam / plain:.2f} (first day {results['stock:fam'][0][0] / results['stock:plain'][0][0]:.2f}, "
          f"second day {results['stock:fam'][1][0] / results['stock:plain'][1][0]:.2f})")
    if len(sys.argv) <= 5 or sys.argv[5] != "ingest-only":
        query_candles(c, pid)


def query_candles(c, pid):
    query = ("KLINE.MRANGE", "1m", T0, T0 + 86_400_000 - 1, "FILTER", "bench=kline")
    # The server's latency: command sent to last reply byte received, the reply not parsed (a
    # Python parser of 650k values would dominate). The parsed round trip is shown beside it.
    reply, size = c.sized(*query)
    before = cpu(pid)
    raw = sorted(c.timed_raw(size, *query) for _ in range(21))
    cpu_ms = (cpu(pid) - before) * 1000 / 21
    parsed = []
    for _ in range(5):
        t = time.perf_counter()
        c.call(*query)
        parsed.append((time.perf_counter() - t) * 1000)
    parsed.sort()
    bars = sum(len(f[2]) for f in reply)
    print(f"KLINE.MRANGE 1m, one day, {len(reply)} families, {bars} candles, {size} bytes: "
          f"last byte median {raw[10]:.1f} ms (min {raw[0]:.1f}), server CPU {cpu_ms:.1f} ms per query; with the Python client parsing the reply {parsed[2]:.0f} ms")


main()
