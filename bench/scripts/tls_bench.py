#!/usr/bin/env python3
"""Plain-text vs TLS throughput of StockTSDB on the same run, with redis-benchmark (built with TLS).

Makes a throw-away CA, server and client certificate with openssl, starts the server jar with both
listeners (tls-auth-clients yes, as the default), pins it to core 0 and redis-benchmark to core 1,
and runs each workload alternately on the plain and the TLS port ROUNDS times. Prints the median
requests/s of each and the ratio TLS/plain.

usage: tls_bench.py [--rounds 3] [--jar server/target/stocktsdb.jar] [--port 6400] [--tls-port 6401]
"""
import argparse, csv, io, os, shutil, socket, statistics, subprocess, tempfile, time
from benchlib import wait_port

WORKLOADS = [
    ("PING_MBULK P1", ["-t", "ping_mbulk", "-n", "200000", "-c", "50"]),
    ("SET P1", ["-t", "set", "-n", "200000", "-c", "50"]),
    ("GET P1", ["-t", "get", "-n", "200000", "-c", "50"]),
    ("PING_MBULK P16", ["-t", "ping_mbulk", "-n", "2000000", "-c", "50", "-P", "16"]),
    ("SET P16", ["-t", "set", "-n", "1000000", "-c", "50", "-P", "16"]),
    ("GET P16", ["-t", "get", "-n", "2000000", "-c", "50", "-P", "16"]),
]


def sh(*cmd, cwd=None):
    subprocess.run(cmd, check=True, cwd=cwd, capture_output=True)


def make_certs(d):
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    sh("openssl", "req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=bench-ca", cwd=d)
    for name in ("server", "client"):
        sh("openssl", "req", *ec, "-keyout", f"{name}.key", "-out", f"{name}.csr", "-subj", f"/CN={name}", cwd=d)
        with open(os.path.join(d, f"{name}.ext"), "w") as f:
            f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
        sh("openssl", "x509", "-req", "-in", f"{name}.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
           "-out", f"{name}.crt", "-days", "2", "-extfile", f"{name}.ext", cwd=d)


def bench(port, args, tls_args):
    cmd = ["taskset", "-c", "1", "redis-benchmark", "-p", str(port), "--csv"] + tls_args + args
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    rows = [r for r in csv.reader(io.StringIO(out)) if r and r[0] != "test"]
    return float(rows[-1][1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--jar", default="server/target/stocktsdb.jar")
    ap.add_argument("--port", type=int, default=6400)
    ap.add_argument("--tls-port", type=int, default=6401)
    a = ap.parse_args()
    d = tempfile.mkdtemp(prefix="stocktsdb-tls-bench-")
    make_certs(d)
    data = os.path.join(d, "data")
    server = subprocess.Popen(["taskset", "-c", "0", "java", "-jar", a.jar, "--port", str(a.port), "--metrics-port", "0",
                               "--data-dir", data, "--tls-port", str(a.tls_port),
                               "--tls-cert-file", os.path.join(d, "server.crt"), "--tls-key-file", os.path.join(d, "server.key"),
                               "--tls-ca-cert-file", os.path.join(d, "ca.crt")],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    tls = ["--tls", "--cacert", os.path.join(d, "ca.crt"), "--cert", os.path.join(d, "client.crt"), "--key", os.path.join(d, "client.key")]
    try:
        wait_port(a.port)
        wait_port(a.tls_port)
        print(f"{'workload':<16} {'plain rps':>12} {'tls rps':>12} {'tls/plain':>9}")
        for name, args in WORKLOADS:
            plain, secure = [], []
            for _ in range(a.rounds):
                plain.append(bench(a.port, args, []))
                secure.append(bench(a.tls_port, args, tls))
            p, t = statistics.median(plain), statistics.median(secure)
            print(f"{name:<16} {p:>12.0f} {t:>12.0f} {t / p:>9.2f}", flush=True)
    finally:
        server.terminate()
        try:
            out, _ = server.communicate(timeout=30)
            for line in out.splitlines():
                if "TLS listener ready" in line:
                    print("server:", line.split("INFO", 1)[-1].strip())
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
