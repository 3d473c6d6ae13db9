"""Shared plumbing for the StockTSDB benchmark scripts (storage, query, ingest, recovery).

Servers run pinned to core 0 and clients to core 1, as bench/BASELINES.md measures.
Data files from bench/scripts/gen_ts.py are generated once into a cache directory
($BENCH_CACHE, default /tmp/stocktsdb-bench-cache) and reused by every script.
"""
import csv, io, os, shutil, signal, socket, subprocess, sys, tempfile, time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
GEN_TS = os.environ.get("GEN_TS", os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen_ts.py"))
CACHE = os.environ.get("BENCH_CACHE", "/tmp/stocktsdb-bench-cache")
DEFAULT_JAR = os.path.join(ROOT, "server", "target", "stocktsdb.jar")
BENCH_JAR = os.path.join(ROOT, "bench", "target", "benchmarks.jar")
SERVER_CORE, CLIENT_CORE = "0", "1"
# Plain Redis figures from bench/BASELINES.md, for the ratio method.
BASELINE_REDIS = {"GET c1": 19_000, "SET c1": 20_000, "SET P1": 103_000, "SET P16": 1_520_000}


def parse_jar(spec):
    """LABEL=path or path (labelled by its file name)."""
    label, sep, path = spec.partition("=")
    if not sep:
        path, label = spec, os.path.basename(spec).removesuffix(".jar")
    if not os.path.isfile(path):
        raise SystemExit(f"no such jar: {path}")
    return label, path


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def loadavg():
    return "%.2f %.2f %.2f" % os.getloadavg()


# ------------------------------------------------------------------ RESP client

class RespError(Exception):
    pass


def encode(*args):
    parts = [b"*%d\r\n" % len(args)]
    for a in args:
        if not isinstance(a, bytes):
            a = str(a).encode()
        parts.append(b"$%d\r\n%s\r\n" % (len(a), a))
    return b"".join(parts)


class Resp:
    """A minimal blocking RESP2/3 client: call() returns the parsed reply, raises RespError on '-'."""

    def __init__(self, port, host="127.0.0.1", timeout=600):
        self.sock = socket.create_connection((host, port), timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.f = self.sock.makefile("rb", buffering=1 << 20)

    def call(self, *args):
        self.sock.sendall(encode(*args))
        return self.read()

    def read(self):
        line = self.f.readline()
        if not line:
            raise ConnectionError("connection closed")
        t, body = line[:1], line[1:-2]
        if t == b"+":
            return body.decode()
        if t == b"-":
            raise RespError(body.decode())
        if t == b":":
            return int(body)
        if t == b",":
            return float(body)
        if t == b"_":
            return None
        if t in (b"$", b"="):
            n = int(body)
            if n < 0:
                return None
            data = self.f.read(n + 2)[:-2]
            return data
        if t in (b"*", b"~", b">"):
            n = int(body)
            return None if n < 0 else [self.read() for _ in range(n)]
        if t == b"%":
            return {self._key(self.read()): self.read() for _ in range(int(body))}
        raise ValueError("unexpected RESP line %r" % line)

    @staticmethod
    def _key(k):
        return k.decode() if isinstance(k, bytes) else k

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def info(port, section=None):
    r = Resp(port)
    try:
        text = (r.call("INFO", section) if section else r.call("INFO")).decode()
    finally:
        r.close()
    out = {}
    for line in text.splitlines():
        if ":" in line and not line.startswith("#"):
            k, v = line.split(":", 1)
            out[k] = v
    return out


def wait_port(port, timeout=60):
    """Returns once something accepts TCP connections on the port (no protocol involved)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), 0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing listening on {port}")


def ping(port):
    """True when a PING on a fresh connection answers PONG."""
    try:
        r = Resp(port, timeout=2)
        try:
            return r.call("PING") == "PONG"
        finally:
            r.close()
    except (OSError, ConnectionError, RespError):
        return False


def wait_ping(port, timeout=300, interval=0.005):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ping(port):
            return time.monotonic()
        time.sleep(interval)
    raise SystemExit(f"no PONG on port {port} within {timeout} s")


# ------------------------------------------------------------------ servers

class Ours:
    """One StockTSDB process (java -jar, pinned to the server core) on a data directory."""

    def __init__(self, jar, port, data_dir, java="java", args=(), java_opts=(), pin=True, log_path=None):
        self.jar, self.port, self.data_dir, self.java = jar, port, data_dir, java
        self.args, self.java_opts, self.pin = list(args), list(java_opts), pin
        self.log_path = log_path or data_dir.rstrip("/") + ".log"
        self.proc = None
        self.started_at = None

    def start(self, wait=True):
        cmd = (["taskset", "-c", SERVER_CORE] if self.pin else []) + [self.java] + self.java_opts + [
            "-jar", self.jar, "--port", str(self.port), "--data-dir", self.data_dir, "--metrics-port", "0"] + self.args
        logf = open(self.log_path, "a")
        self.started_at = time.monotonic()
        self.proc = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT)
        if wait:
            wait_ping(self.port)
        return self

    @property
    def pid(self):
        return self.proc.pid  # taskset execs java, so this is the JVM's pid

    def shutdown(self, timeout=300):
        """SHUTDOWN (a clean close: flushes batches and memtables); returns the seconds it took."""
        t0 = time.monotonic()
        try:
            r = Resp(self.port)
            r.sock.sendall(encode("SHUTDOWN"))
            try:
                r.read()
            except (ConnectionError, OSError):
                pass
            r.close()
        except OSError:
            pass
        self.proc.wait(timeout)
        return time.monotonic() - t0

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(60)

    def stop_quietly(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(120)
            except subprocess.TimeoutExpired:
                self.proc.kill()

    def heap_after_gc(self):
        """JVM heap in use after two full GCs (jcmd GC.run), as INFO memory reports it."""
        for _ in range(2):
            subprocess.run(["jcmd", str(self.pid), "GC.run"], check=True, capture_output=True)
        return int(info(self.port, "memory")["jvm_heap_used"])


class RedisServer:
    def __init__(self, port, work_dir):
        self.port, self.work_dir, self.proc = port, work_dir, None

    def start(self):
        self.proc = subprocess.Popen(["taskset", "-c", SERVER_CORE, "redis-server", "--port", str(self.port),
                                      "--save", "", "--appendonly", "no", "--dir", self.work_dir],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_ping(self.port, 30)
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(30)


# ------------------------------------------------------------------ clients

def redis_benchmark(port, args):
    """One redis-benchmark run pinned to the client core: dict of rps and latencies (ms)."""
    cmd = ["taskset", "-c", CLIENT_CORE, "redis-benchmark", "-p", str(port), "--csv"] + [str(a) for a in args]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    rows = [r for r in csv.reader(io.StringIO(out)) if r]
    header, last = rows[0], rows[-1]
    return {k: (float(v) if k != "test" else v) for k, v in zip(header, last)}


def pipe(port, path):
    """redis-cli --pipe of a RESP file, pinned to the client core; returns seconds. Fails on error replies."""
    t0 = time.monotonic()
    with open(path, "rb") as f:
        res = subprocess.run(["taskset", "-c", CLIENT_CORE, "redis-cli", "-p", str(port), "--pipe"],
                             stdin=f, capture_output=True, text=True)
    seconds = time.monotonic() - t0
    tail = [l for l in res.stdout.splitlines() if l.startswith("errors:")]
    if res.returncode != 0 or not tail or not tail[-1].startswith("errors: 0,"):
        raise SystemExit(f"redis-cli --pipe {path} failed: {res.stdout[-2000:]} {res.stderr[-2000:]}")
    return seconds


def loader(port, **kw):
    """Runs the Java PipelinedLoader pinned to the client core; returns its JSON result."""
    import json
    cmd = ["taskset", "-c", CLIENT_CORE, "java", "-cp", BENCH_JAR, "io.stocktsdb.bench.PipelinedLoader", "--port", str(port)]
    for k, v in kw.items():
        cmd += ["--" + k, str(v)]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        raise SystemExit(f"PipelinedLoader failed: {res.stderr[-3000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def compact_offline(data_dir):
    """Full compaction of a stopped server's data directory (CompactDataDir); returns its lines."""
    res = subprocess.run(["java", "-cp", BENCH_JAR, "io.stocktsdb.bench.CompactDataDir", data_dir],
                         capture_output=True, text=True)
    if res.returncode != 0:
        raise SystemExit(f"CompactDataDir failed: {res.stderr[-3000:]}")
    return res.stdout.strip().splitlines()


def du_bytes(path):
    return int(subprocess.run(["du", "-sb", path], capture_output=True, text=True, check=True).stdout.split()[0])


def dir_breakdown(path):
    """Bytes by kind of file in a RocksDB directory: sst, wal (.log), info logs (LOG*), other."""
    kinds = {"sst": 0, "wal": 0, "info_log": 0, "other": 0}
    for root, _, files in os.walk(path):
        for name in files:
            size = os.path.getsize(os.path.join(root, name))
            if name.endswith(".sst"):
                kinds["sst"] += size
            elif name.endswith(".log"):
                kinds["wal"] += size
            elif name.startswith("LOG"):
                kinds["info_log"] += size
            else:
                kinds["other"] += size
    return kinds


# ------------------------------------------------------------------ data set files

def dataset(name):
    """Path of a cached gen_ts.py output, generating it on first use.
    Names: create_1000, mem_1000_10000, mem_1000_10000_fullprec, big, adds_1000_1000."""
    os.makedirs(CACHE, exist_ok=True)
    path = os.path.join(CACHE, name + ".resp")
    if os.path.exists(path):
        return path
    parts = name.split("_")
    env = dict(os.environ)
    if parts[-1] == "fullprec":
        env["FULLPREC"] = "1"
        parts = parts[:-1]
    log(f"generating {path} with gen_ts.py {' '.join(parts)} ...")
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        subprocess.run([sys.executable, GEN_TS] + parts, stdout=f, env=env, check=True)
    os.rename(tmp, path)
    return path


def cached_file(name, writer):
    """A cached RESP file produced by writer(binary_file) on first use."""
    os.makedirs(CACHE, exist_ok=True)
    path = os.path.join(CACHE, name + ".resp")
    if not os.path.exists(path):
        log(f"generating {path} ...")
        tmp = path + ".tmp"
        with open(tmp, "wb") as f:
            writer(f)
        os.rename(tmp, path)
    return path


def scratch_dir(prefix):
    return tempfile.mkdtemp(prefix=prefix, dir=os.environ.get("BENCH_SCRATCH", "/tmp"))


def remove(path):
    shutil.rmtree(path, ignore_errors=True)

