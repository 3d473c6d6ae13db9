#!/usr/bin/env python3
"""Deterministic RESP generator for `redis-cli --pipe`: the benchmark data set of bench/BASELINES.md.

usage:
  gen_ts.py create [N]      TS.CREATE m:0000..m:N-1 LABELS metric cpu host hNNN sid K
                            (NNN = K % 100), default N = 1000
  gen_ts.py mem [N] [S]     N series x S samples (default 1000 x 10000): one TS.MADD per timestamp
                            carrying all N series m:0000.. (create them first with `create N`)
  gen_ts.py big             ts:big, 1,000,000 samples as TS.MADD with 1000 samples each
                            (create it first with `TS.CREATE ts:big`)
  gen_ts.py adds [N] [S]    N series x S samples (default 1000 x 1000) as one in-order TS.ADD per
                            sample over the auto-created series a:0000..; timestamp-major order

Timestamps are 1700000000000 + i*1000 ms (1 s steps). Values are a random walk per series:
v0 = 100.0, v += uniform(-1, 1), printed with two decimals (the walk itself is not rounded).
With FULLPREC=1 in the environment values are printed with %.17g instead.
random.seed(42), so the same arguments always produce the same bytes.

bench/scripts/benchlib.py `dataset()` caches the output under names such as create_1000,
mem_1000_10000, mem_1000_10000_fullprec, big and adds_1000_1000.
"""
import os
import random
import sys

T0 = 1_700_000_000_000
STEP_MS = 1000
BIG_SAMPLES, BIG_BATCH = 1_000_000, 1000
FMT = b"%.17g" if os.environ.get("FULLPREC", "") not in ("", "0") else b"%.2f"


def bulk(a):
    return b"$%d\r\n%s\r\n" % (len(a), a)


def command(args):
    """One RESP array of bulk strings (args are bytes)."""
    return b"*%d\r\n" % len(args) + b"".join(bulk(a) for a in args)


def arg(argv, i, default):
    return int(argv[i]) if len(argv) > i else default


def gen_create(out, n):
    for k in range(n):
        out.write(command([b"TS.CREATE", b"m:%04d" % k, b"LABELS", b"metric", b"cpu",
                           b"host", b"h%03d" % (k % 100), b"sid", b"%d" % k]))


def gen_mem(out, n, samples, uniform):
    keys = [bulk(b"m:%04d" % k) for k in range(n)]
    head = b"*%d\r\n" % (1 + 3 * n) + bulk(b"TS.MADD")
    vals = [100.0] * n
    for i in range(samples):
        ts = bulk(b"%d" % (T0 + i * STEP_MS))
        parts = [head]
        for k in range(n):
            v = vals[k] + uniform(-1, 1)
            vals[k] = v
            parts.append(keys[k])
            parts.append(ts)
            parts.append(bulk(FMT % v))
        out.write(b"".join(parts))


def gen_big(out, uniform):
    key = bulk(b"ts:big")
    head = b"*%d\r\n" % (1 + 3 * BIG_BATCH) + bulk(b"TS.MADD")
    v = 100.0
    for start in range(0, BIG_SAMPLES, BIG_BATCH):
        parts = [head]
        for i in range(start, start + BIG_BATCH):
            v += uniform(-1, 1)
            parts.append(key)
            parts.append(bulk(b"%d" % (T0 + i * STEP_MS)))
            parts.append(bulk(FMT % v))
        out.write(b"".join(parts))


def gen_adds(out, n, samples, uniform):
    heads = [b"*4\r\n" + bulk(b"TS.ADD") + bulk(b"a:%04d" % k) for k in range(n)]
    vals = [100.0] * n
    for i in range(samples):
        ts = bulk(b"%d" % (T0 + i * STEP_MS))
        parts = []
        for k in range(n):
            v = vals[k] + uniform(-1, 1)
            vals[k] = v
            parts.append(heads[k])
            parts.append(ts)
            parts.append(bulk(FMT % v))
        out.write(b"".join(parts))


def main(argv):
    if len(argv) < 2 or argv[1] not in ("create", "mem", "big", "adds"):
        sys.stderr.write(__doc__)
        return 2
    random.seed(42)
    uniform = random.uniform
    out = open(sys.stdout.fileno(), "wb", buffering=1 << 20, closefd=False)
    try:
        mode = argv[1]
        if mode == "create":
            gen_create(out, arg(argv, 2, 1000))
        elif mode == "mem":
            gen_mem(out, arg(argv, 2, 1000), arg(argv, 3, 10_000), uniform)
        elif mode == "big":
            gen_big(out, uniform)
        else:
            gen_adds(out, arg(argv, 2, 1000), arg(argv, 3, 1000), uniform)
        out.flush()
    except BrokenPipeError:
        # e.g. `gen_ts.py create 3 | head -c 300`: the reader went away; exit quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
