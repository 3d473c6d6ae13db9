// Ticks in, candles out, with node-redis: run against a StockTSDB server (default 127.0.0.1:6379).
// usage: node kline_example.mjs [port]
import { createClient } from 'redis';

const T0 = 1796002200000; // 2026-11-30 09:30 Asia/Shanghai, in milliseconds
const SYMBOLS = { SH600519: 1700, SH600000: 10 };

const client = createClient({ socket: { port: Number(process.argv[2] || 6379) } });
await client.connect();

// 1. Ticks: a price and a volume series per instrument, labelled for filters.
const families = await client.sendCommand(['KLINE.LIST']);
for (const [sym, base] of Object.entries(SYMBOLS)) {
  for (const field of ['price', 'volume']) {
    const key = `stock:${sym}:${field}`;
    await client.del(key);
    await client.ts.create(key, { LABELS: { sym, field, market: 'SH' } });
  }
  if (families.includes(`stock:${sym}:k`)) await client.sendCommand(['KLINE.DROP', `stock:${sym}:k`]);
  const ticks = [];
  for (let i = 0; i < 240; i++) { // 4 minutes of 1-second ticks
    const timestamp = T0 + i * 1000;
    ticks.push({ key: `stock:${sym}:volume`, timestamp, value: 100 + (i % 7) }); // the volume first, then the price
    ticks.push({ key: `stock:${sym}:price`, timestamp, value: base + (i % 10) / 10 });
  }
  await client.ts.mAdd(ticks);
}

// 2. A K-line family: 1m and 5m candles on the Shanghai calendar.
for (const sym of Object.keys(SYMBOLS)) {
  await client.sendCommand(['KLINE.CREATE', `stock:${sym}:k`, 'PRICE', `stock:${sym}:price`, 'VOLUME', `stock:${sym}:volume`,
    'TIMEFRAMES', '1m', '5m', 'CALENDAR', 'SSE', 'LABELS', 'sym', sym, 'market', 'SH']);
}

// 3. Candles: timestamp open high low close volume turnover count vwap.
for (const row of await client.sendCommand(['KLINE.RANGE', 'stock:SH600519:k', '1m', '-', '+'])) {
  console.log('candle', row.join(' '));
}

// 4. Many instruments at once, and an MRANGE with GROUPBY over the raw ticks.
for (const [family, , rows] of await client.sendCommand(['KLINE.MRANGE', '5m', '-', '+', 'FILTER', 'market=SH'])) {
  console.log('family', family, rows[0].join(' '));
}
const groups = await client.sendCommand(['TS.MRANGE', '-', '+', 'AGGREGATION', 'max', '60000',
  'FILTER', 'field=price', 'GROUPBY', 'field', 'REDUCE', 'sum']);
for (const [key, , rows] of groups) {
  console.log('group', key, rows.map(([ts, v]) => `${ts}=${v}`).join(' '));
}
await client.quit();
