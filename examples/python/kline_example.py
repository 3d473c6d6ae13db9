#!/usr/bin/env python3
"""Ticks in, candles out, with redis-py: run against a StockTSDB server (default 127.0.0.1:6379).

usage: python3 kline_example.py [port]
"""
import sys

import redis

T0 = 1796002200000  # 2026-11-30 09:30 Asia/Shanghai, in milliseconds
SYMBOLS = {"SH600519": 1700, "SH600000": 10}

r = redis.Redis(port=int(sys.argv[1]) if len(sys.argv) > 1 else 6379, decode_responses=True)

# 1. Ticks: a price and a volume series per instrument, labelled for filters.
for sym, base in SYMBOLS.items():
    for field in ("price", "volume"):
        key = f"stock:{sym}:{field}"
        r.delete(key)
        r.ts().create(key, labels={"sym": sym, "field": field, "market": "SH"})
    if f"stock:{sym}:k" in r.execute_command("KLINE.LIST"):
        r.execute_command("KLINE.DROP", f"stock:{sym}:k")
    ticks = []
    for i in range(240):  # 4 minutes of 1-second ticks
        ts = T0 + i * 1000
        ticks.append((f"stock:{sym}:volume", ts, 100 + i % 7))  # the volume first, then the price
        ticks.append((f"stock:{sym}:price", ts, base + (i % 10) / 10))
    r.ts().madd(ticks)

# 2. A K-line family: 1m and 5m candles on the Shanghai calendar.
for sym in SYMBOLS:
    r.execute_command("KLINE.CREATE", f"stock:{sym}:k", "PRICE", f"stock:{sym}:price", "VOLUME", f"stock:{sym}:volume",
                      "TIMEFRAMES", "1m", "5m", "CALENDAR", "SSE", "LABELS", "sym", sym, "market", "SH")

# 3. Candles: timestamp open high low close volume turnover count vwap.
for row in r.execute_command("KLINE.RANGE", "stock:SH600519:k", "1m", "-", "+"):
    print("candle", " ".join(str(x) for x in row))

# 4. Many instruments at once, and an MRANGE with GROUPBY over the raw ticks.
for family, _labels, rows in r.execute_command("KLINE.MRANGE", "5m", "-", "+", "FILTER", "market=SH"):
    print("family", family, " ".join(str(x) for x in rows[0]))
groups = r.ts().mrange("-", "+", ["field=price"], aggregation_type="max", bucket_size_msec=60000, groupby="field", reduce="sum")
for group in groups:
    for key, (_labels, rows) in group.items():
        print("group", key, " ".join(f"{ts}={v}" for ts, v in rows))
