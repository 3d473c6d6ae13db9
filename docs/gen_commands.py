#!/usr/bin/env python3
"""Regenerates docs/commands.md from a running StockTSDB (COMMAND INFO + COMMAND DOCS).

usage: java -jar server/target/stocktsdb.jar --port 16399 --data-dir /tmp/gen & \
       python3 docs/gen_commands.py 16399 > docs/commands.md
"""
import socket, sys

def call(sock, f, *args):
    sock.sendall(b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%s\r\n" % (len(a), a) for a in (x.encode() for x in args)))
    return read(f)

def read(f):
    line = f.readline().rstrip(b"\r\n")
    t, rest = line[:1], line[1:]
    if t in (b"+", b"-"): return rest.decode()
    if t == b":": return int(rest)
    if t == b"$":
        n = int(rest)
        if n < 0: return None
        data = f.read(n + 2)[:-2]
        return data.decode()
    if t == b"*":
        n = int(rest)
        return None if n < 0 else [read(f) for _ in range(n)]
    raise ValueError(line)

def pairs(flat):
    return {flat[i]: flat[i + 1] for i in range(0, len(flat), 2)}

GROUP_TITLES = {
    "connection": "Connection", "server": "Server", "generic": "Keys", "string": "Strings",
    "transactions": "Transactions", "bitmap": "Bitmaps", "pubsub": "Pub/Sub", "timeseries": "Time series (RedisTimeSeries-compatible)",
    "stocktsdb": "StockTSDB's own commands (from the original design)", "cluster": "Cluster", "acl": "ACL",
    "market": "Market data: K-line families (StockTSDB's own; guide and examples in docs/market-data.md)",
}

def main():
    port = int(sys.argv[1])
    sock = socket.create_connection(("127.0.0.1", port))
    f = sock.makefile("rb")
    infos = call(sock, f, "COMMAND")
    docs = pairs(call(sock, f, "COMMAND", "DOCS"))
    rows = {}
    for info in infos:
        name, arity, flags, first, last, step, cats = info[0], info[1], info[2], info[3], info[4], info[5], info[6]
        d = pairs(docs.get(name, []))
        group = d.get("group", "generic")
        if group == "module": group = d.get("module", group)  # RedisTimeSeries's commands, as Redis reports module commands
        rows.setdefault(group, []).append((name, arity, flags, cats, d.get("summary", "")))
        subdocs = pairs(d.get("subcommands", []) or [])
        for sub in info[9]:
            sd = pairs(subdocs.get(sub[0], []))
            rows[group].append((sub[0].replace("|", " "), sub[1], sub[2], sub[6], sd.get("summary", "")))
    out = ["# Commands", "",
           "Generated from the server's command registry by `docs/gen_commands.py` (COMMAND INFO and",
           "COMMAND DOCS); `it/.../meta/CommandCoverageIT` fails when a registered command has no row here",
           "or no integration test. Arity follows Redis: N exact, -N at least N, counting the name.", ""]
    order = ["connection", "server", "generic", "string", "transactions", "acl", "cluster", "timeseries", "stocktsdb", "market"]
    for g in order + sorted(set(rows) - set(order)):
        if g not in rows: continue
        out += ["## " + GROUP_TITLES.get(g, g), "", "| command | arity | flags | ACL categories | summary |", "|---|---|---|---|---|"]
        for name, arity, flags, cats, summary in sorted(rows[g]):
            out.append("| `%s` | %d | %s | %s | %s |" % (name, arity, " ".join(flags), " ".join(cats), summary))
        out.append("")
    print("\n".join(out))

main()
