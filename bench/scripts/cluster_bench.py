#!/usr/bin/env python3
"""Replicated cluster benchmarks: write throughput through the cluster as a ratio to a single node
measured in the same run, and failover time.

  cluster_bench.py throughput [--port 21000] [--runs 3] [-n 50000] [--warmup 30000]
      single node, 1 shard x 3 members, 2 shards x 3 members, in rounds (single, 1x3, 2x3 per
      round so that load changes hit all three alike): redis-benchmark -P 16 -c 50 TS.ADD with
      '*' timestamps over 1000 keys (--duplicate-policy last everywhere). The single node and the
      1x3 leader get plain redis-benchmark; 2x3 gets redis-benchmark --cluster (keys carry {tag},
      so each client writes to one shard's leader). Each target first gets --warmup writes (JIT).
      Prints each run and the medians with ratios, with the server CPU (user + system, /proc) per
      write of each process (single node; leader L and followers F of each shard) and, for the
      clusters, the writes per Raft entry (commit index advance over the run).
  cluster_bench.py profile [--port 21000] [--runs 3] [-n 100000] [--warmup 200000] [--jfr DIR]
      1 shard x 3 members only: after the warm-up, --runs runs on the same cluster, each with the
      CPU per write of every thread group of every member (Java thread names from jcmd) and the
      writes per Raft entry; --jfr records a JFR profile (settings=profile, or $JFR_SETTINGS) of the leader and a
      follower during the first run.
  cluster_bench.py failover [--port 21000] [--rounds 5]
      1 shard x 3 members with the default timeouts; each round kills the leader with SIGKILL and
      times until a TS.ADD is acknowledged by the new leader (a client that follows MOVED and moves
      on to another member after a refusal or a dead connection), then restarts the old leader
      and waits until it caught up. Prints each round and the median.

Servers are not pinned: three JVMs of a cluster share both cores, as a single node may use both.
STOCKTSDB_JVM_OPTS adds JVM options to the cluster members.
Ports: RESP BASE.., Raft BASE+100.. (members), single node BASE+50. Data under /tmp/cluster-bench (CLUSTER_BENCH_DIR overrides).
"""
import argparse, os, shutil, signal, socket, statistics, subprocess, sys, time, uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import DEFAULT_JAR, log, loadavg, wait_ping, Resp, RespError  # noqa: E402
from cluster_cpu import ThreadSampler, process_cpu  # noqa: E402

WORK = os.environ.get("CLUSTER_BENCH_DIR", "/tmp/cluster-bench")
BENCH_ARGS = ["-P", "16", "-c", "50", "-r", "1000"]


class Cluster:
    """shards x members server processes on 127.0.0.1, slots split evenly."""

    def __init__(self, jar, base, shards, members, name):
        self.jar, self.base, self.shards, self.members = jar, base, shards, members
        self.dir = os.path.join(WORK, name)
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)
        self.n = shards * members
        self.ports = [base + i for i in range(self.n)]
        self.procs = [None] * self.n
        self.topology = os.path.join(self.dir, "topology.json")
        parts = []
        for s in range(shards):
            first, last = s * 16384 // shards, (s + 1) * 16384 // shards - 1
            ms = ",".join('{"node_id":"n%d","host":"127.0.0.1","port":%d,"raft_port":%d}' % (i, base + i, base + 100 + i)
                          for i in range(s * members, (s + 1) * members))
            parts.append('{"raft_group_id":"%s","slots":[[%d,%d]],"members":[%s]}' % (uuid.uuid4(), first, last, ms))
        with open(self.topology, "w") as f:
            f.write('{"version":1,"shards":[%s]}' % ",".join(parts))

    def start_node(self, i):
        data = os.path.join(self.dir, "n%d" % i)
        os.makedirs(data, exist_ok=True)
        logf = open(data + ".log", "a")
        self.procs[i] = subprocess.Popen(
            ["java", "-Xmx512m"] + os.environ.get("STOCKTSDB_JVM_OPTS", "").split() + ["-jar", self.jar, "--cluster-topology", self.topology, "--node-id", "n%d" % i,
             "--port", str(self.ports[i]), "--bind-addr", "127.0.0.1", "--data-dir", data, "--metrics-port", "0",
             "--duplicate-policy", "last"], stdout=logf, stderr=subprocess.STDOUT)

    def start(self):
        try:
            for i in range(self.n):
                self.start_node(i)
            for i in range(self.n):
                wait_ping(self.ports[i], 180)
            for s in range(self.shards):
                self.leader(s, 120)
        except BaseException:
            self.stop()
            raise
        return self

    def cluster_info(self, i):
        """CLUSTER_INFO of node i as {field: value}, {} when it does not answer."""
        try:
            r = Resp(self.ports[i], timeout=2)
            try:
                reply = r.call("CLUSTER_INFO")
            finally:
                r.close()
        except (OSError, RespError):
            return {}
        lines = reply if isinstance(reply, list) else reply.splitlines()
        out = {}
        for line in lines:
            line = line.decode() if isinstance(line, bytes) else line
            k, _, v = line.partition(":")
            out[k] = v.strip()
        return out

    def role(self, i):
        return self.cluster_info(i).get("role")

    def shard_index(self, i, field):
        line = self.cluster_info(i).get("shard%d" % (i // self.members), "")
        for kv in line.split(","):
            if kv.startswith(field + "="):
                return int(kv.split("=", 1)[1])
        return -1

    def await_caught_up(self, i, timeout=120):
        """Node i applied what its shard's leader had committed (a member with an empty log cannot help elect)."""
        target = self.shard_index(self.leader(i // self.members, timeout), "commit_index")
        deadline = time.monotonic() + timeout
        while self.shard_index(i, "applied_index") < target:
            if time.monotonic() > deadline:
                raise SystemExit("n%d did not catch up to index %d" % (i, target))
            time.sleep(0.1)

    def leader(self, shard, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for i in range(shard * self.members, (shard + 1) * self.members):
                if self.procs[i] and self.procs[i].poll() is None and self.role(i) == "leader":
                    return i
            time.sleep(0.05)
        raise SystemExit("shard %d has no leader after %d s" % (shard, timeout))

    def stop(self):
        for p in self.procs:
            if p and p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in self.procs:
            if p:
                try:
                    p.wait(60)
                except subprocess.TimeoutExpired:
                    p.kill()


def single_node(jar, port):
    data = os.path.join(WORK, "single")
    shutil.rmtree(data, ignore_errors=True)
    os.makedirs(data)
    p = subprocess.Popen(["java", "-Xmx512m", "-jar", jar, "--port", str(port), "--bind-addr", "127.0.0.1", "--data-dir", data,
                          "--metrics-port", "0", "--duplicate-policy", "last"],
                         stdout=open(data + ".log", "a"), stderr=subprocess.STDOUT)
    wait_ping(port, 180)
    return p


def bench(port, n, cluster=False):
    key = "ing:{tag}:__rand_int__" if cluster else "ing:__rand_int__"
    cmd = ["redis-benchmark", "-p", str(port), "-n", str(n), "--csv"] + BENCH_ARGS + (["--cluster"] if cluster else []) + \
          ["TS.ADD", key, "*", "42.5"]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    out = res.stdout
    rows = [l.split('","') for l in out.splitlines() if l.startswith('"TS.ADD')]
    if not rows:
        raise SystemExit("redis-benchmark failed: " + out[-2000:] + res.stderr[-500:])
    return float(rows[-1][1].strip('"'))


def attempt(fn, tries=3):
    """fn() again when redis-benchmark stopped at an error reply (a leader change on a busy machine: MOVED)."""
    for i in range(tries):
        try:
            return fn()
        except SystemExit as e:
            if i == tries - 1:
                raise
            print("  retrying: %s" % str(e).splitlines()[-1][:120], flush=True)
            time.sleep(2)


def measured(pids, fn):
    """fn() with the CPU seconds each of pids used meanwhile."""
    before = [process_cpu(p) for p in pids]
    result = fn()
    return result, [process_cpu(p) - b for p, b in zip(pids, before)]


def commit_indexes(c):
    return [c.shard_index(c.leader(s), "commit_index") for s in range(c.shards)]


def member_labels(c):
    """'L'/'F' per member of c (its shard's leader or a follower), in member order."""
    leaders = {c.leader(s) for s in range(c.shards)}
    return ["L" if i in leaders else "F" for i in range(c.n)]


def throughput(opts):
    single_port = opts.port + 50
    s = single_node(opts.jar, single_port)
    c13 = Cluster(opts.jar, opts.port, 1, 3, "c1x3").start()
    c23 = Cluster(opts.jar, opts.port + 10, 2, 3, "c2x3").start()
    res = {"single": [], "1x3": [], "2x3": []}
    cpu = {"single": [], "1x3": [], "2x3": []}  # total server CPU us per write
    try:
        # fresh JVMs spend their first tens of thousands of writes compiling (Ratis, gRPC, protobuf):
        # the C2 compiler threads used more CPU than the writes did, so every target is warmed first
        if opts.warmup:
            for warm in (lambda: bench(single_port, opts.warmup), lambda: bench(c13.ports[c13.leader(0)], opts.warmup),
                         lambda: bench(c23.ports[c23.leader(0)], opts.warmup, cluster=True)):
                attempt(warm)
        for r in range(opts.runs):
            for name, c, fn in (("single", None, lambda: bench(single_port, opts.n)),
                                ("1x3", c13, lambda: bench(c13.ports[c13.leader(0)], opts.n)),
                                ("2x3", c23, lambda: bench(c23.ports[c23.leader(0)], opts.n, cluster=True))):
                la = loadavg()
                pids = [s.pid] if c is None else [p.pid for p in c.procs]
                commits = commit_indexes(c) if c else None
                rps, used = measured(pids, lambda: attempt(fn))
                res[name].append(rps)
                cpu[name].append(1e6 * sum(used) / opts.n)
                detail = ""
                if c:
                    entries = sum(after - before for after, before in zip(commit_indexes(c), commits))
                    detail = "  members %s  %.0f writes/entry" % (
                        " ".join("%s%.0f" % (l, 1e6 * u / opts.n) for l, u in zip(member_labels(c), used)),
                        opts.n / max(entries, 1))
                print("run %d %-6s %9.0f writes/s  CPU %5.1f us/write%s  (load %s)" % (
                    r + 1, name, rps, cpu[name][-1], detail, la), flush=True)
    finally:
        s.send_signal(signal.SIGTERM)
        s.wait(60)
        c13.stop()
        c23.stop()
    med = {k: statistics.median(v) for k, v in res.items()}
    mcpu = {k: statistics.median(v) for k, v in cpu.items()}
    print("median single %.0f/s, 1x3 %.0f/s (%.2fx), 2x3 %.0f/s (%.2fx)" % (
        med["single"], med["1x3"], med["1x3"] / med["single"], med["2x3"], med["2x3"] / med["single"]))
    print("median server CPU per write (all processes of the target): single %.1f us, 1x3 %.1f us, 2x3 %.1f us" % (
        mcpu["single"], mcpu["1x3"], mcpu["2x3"]))


def profile(opts):
    c = Cluster(opts.jar, opts.port, 1, 3, "profile").start()
    try:
        if opts.warmup:
            attempt(lambda: bench(c.ports[c.leader(0)], opts.warmup))
        for r in range(opts.runs):
            profile_run(c, opts, r == 0 and opts.jfr)
    finally:
        c.stop()


def profile_run(c, opts, jfr_dir):
    leader = c.leader(0)
    follower = (leader + 1) % 3
    jfr = jfr_dir and [(i, os.path.join(jfr_dir, "%s.jfr" % ("leader" if i == leader else "follower"))) for i in (leader, follower)]
    for i, _ in jfr or []:
        subprocess.run(["jcmd", str(c.procs[i].pid), "JFR.start", "name=bench", "settings=" + os.environ.get("JFR_SETTINGS", "profile")], check=True, capture_output=True)
    samplers = [ThreadSampler(p.pid).start() for p in c.procs]
    commits = commit_indexes(c)
    la = loadavg()
    rps = attempt(lambda: bench(c.ports[leader], opts.n))
    for sm in samplers:
        sm.stop()
    entries = commit_indexes(c)[0] - commits[0]
    for i, path in jfr or []:
        subprocess.run(["jcmd", str(c.procs[i].pid), "JFR.stop", "name=bench", "filename=" + path], check=True, capture_output=True)
    print("1x3 %.0f writes/s, %d writes in %d entries (%.0f writes/entry)  (load %s)" % (rps, opts.n, entries, opts.n / max(entries, 1), la))
    for i, sm in enumerate(samplers):
        print(sm.report("n%d %s" % (i, "leader" if i == leader else "follower"), opts.n))
    if jfr:
        print("JFR: " + " ".join(p for _, p in jfr))


def ts_add(port, key, ts, timeout=1.0):
    """One TS.ADD; returns the reply line (str) or None on a dead connection / timeout."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.settimeout(timeout)
            sock.sendall(b"*4\r\n$6\r\nTS.ADD\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n$1\r\n1\r\n" % (len(key), key, len(ts), ts))
            data = b""
            while not data.endswith(b"\r\n"):
                chunk = sock.recv(4096)
                if not chunk:
                    return None
                data += chunk
            return data.decode().strip()
    except OSError:
        return None


def failover(opts):
    c = Cluster(opts.jar, opts.port, 1, 3, "failover").start()
    times = []
    try:
        for attempt in range(30):  # a first write, so that every member has a log
            if (ts_add(c.ports[c.leader(0, 60)], b"fo:warm", b"%d" % (attempt + 1), timeout=10.0) or "").startswith(":"):
                break
        for i in range(3):
            c.await_caught_up(i)
        for r in range(opts.rounds):
            leader = c.leader(0, 60)
            others = [i for i in range(3) if i != leader]
            la = loadavg()
            t0 = time.monotonic()
            c.procs[leader].send_signal(signal.SIGKILL)
            c.procs[leader].wait(30)
            port, k, seq = c.ports[others[0]], 0, 0
            while True:
                if time.monotonic() - t0 > 120:
                    raise SystemExit("round %d: no write acknowledged within 120 s" % (r + 1))
                seq += 1
                reply = ts_add(port, b"fo:%d" % r, b"%d" % (1_000_000 + seq), timeout=5.0)
                if reply and reply.startswith(":"):
                    break
                if reply and reply.startswith("-MOVED "):
                    port = int(reply.rsplit(":", 1)[1])
                    continue
                k += 1
                port = c.ports[others[k % 2]]
                time.sleep(0.01)
            took = time.monotonic() - t0
            times.append(took)
            print("round %d: leader n%d killed, write acknowledged by n%d after %.2f s  (load %s)" % (
                r + 1, leader, c.ports.index(port), took, la), flush=True)
            c.start_node(leader)
            wait_ping(c.ports[leader], 180)
            c.await_caught_up(leader)
    finally:
        c.stop()
    print("failover median of %d: %.2f s (min %.2f, max %.2f)" % (len(times), statistics.median(times), min(times), max(times)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=["throughput", "failover", "profile"])
    ap.add_argument("--jar", default=DEFAULT_JAR)
    ap.add_argument("--port", type=int, default=21000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("-n", type=int, default=50000)
    ap.add_argument("--warmup", type=int, default=30000, help="writes sent to each target before the measured runs")
    ap.add_argument("--jfr", help="profile: directory for leader.jfr and follower.jfr")
    opts = ap.parse_args()
    {"throughput": throughput, "failover": failover, "profile": profile}[opts.what](opts)


if __name__ == "__main__":
    main()
