// StockTSDB console: every figure comes from a read-only command run through POST api
// (the server runs it over RESP with the browser's credentials).
'use strict';

const $ = (sel) => document.querySelector(sel);
const LC = window.LightweightCharts;

async function cmd(...args) {
  const res = await fetch('api', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args.map(String)) });
  if (res.status === 401) throw new Error('authentication required');
  const reply = await res.json();
  if (reply && !Array.isArray(reply) && typeof reply === 'object' && reply.error) throw new Error(reply.error);
  return reply;
}

/** Several commands in one request (pipelined by the server): their replies, an error object in a failed one's place. */
async function cmds(list) {
  if (list.length === 0) return [];
  const res = await fetch('api/batch', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(list.map((c) => c.map(String))) });
  if (res.status === 401) throw new Error('authentication required');
  const replies = await res.json();
  if (!Array.isArray(replies)) throw new Error(replies.error || 'unexpected reply');
  return replies;
}

const failed = (r) => r && !Array.isArray(r) && typeof r === 'object' && r.error;

function status(text) { $('#status').textContent = text || ''; }

function pairs(flat) {
  const out = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i]] = flat[i + 1];
  return out;
}

function labelText(labels) {
  return (labels || []).map((p) => p[0] + '=' + p[1]).join(' ');
}

function cell(tr, text) {
  const td = document.createElement('td');
  td.textContent = text;
  tr.appendChild(td);
}

// ---------------------------------------------------------------- tabs

function showTab(name) {
  document.querySelectorAll('nav button').forEach((b) => b.classList.toggle('active', b.dataset.tab === name));
  document.querySelectorAll('.tab').forEach((t) => t.classList.toggle('active', t.id === 'tab-' + name));
  if (name === 'chart' && chart) chart.timeScale().fitContent();
}
document.querySelectorAll('nav button').forEach((b) => b.addEventListener('click', () => showTab(b.dataset.tab)));

// ---------------------------------------------------------------- series browser

const suggestions = new Set();

async function loadSeries(filter) {
  status('');
  try {
    let keys;
    if (filter.trim() === '') {
      const scan = await cmd('SCAN', '0', 'COUNT', '1000', 'TYPE', 'TSDB-TYPE');
      keys = scan[1];
    } else {
      keys = await cmd('TS.QUERYINDEX', ...filter.trim().split(/\s+/));
    }
    keys.sort();
    $('#series-count').textContent = keys.length + (filter.trim() === '' ? ' found by the first SCAN step' : ' matching');
    const shown = keys.slice(0, 100);
    const infos = (await cmds(shown.map((k) => ['TS.INFO', k]))).map((r) => (failed(r) ? null : pairs(r)));
    const body = $('#series-table tbody');
    body.replaceChildren();
    shown.forEach((key, i) => {
      const info = infos[i];
      if (!info) return;
      const tr = document.createElement('tr');
      tr.dataset.key = key;
      cell(tr, key);
      cell(tr, labelText(info.labels));
      cell(tr, info.retentionTime === 0 ? 'forever' : info.retentionTime + ' ms');
      cell(tr, info.totalSamples);
      const rules = (info.rules || []).map((r) => '→ ' + r[0] + ' ' + r[2] + ' ' + r[1]);
      if (info.sourceKey) rules.push('← ' + info.sourceKey);
      cell(tr, rules.join(', '));
      tr.addEventListener('click', () => openSeries(key, info));
      body.appendChild(tr);
      (info.labels || []).forEach((p) => suggestions.add(p[0] + '=' + p[1]));
    });
    const list = $('#filter-suggestions');
    list.replaceChildren(...[...suggestions].sort().slice(0, 500).map((s) => Object.assign(document.createElement('option'), { value: s })));
  } catch (e) {
    status(e.message);
  }
}

async function loadFamilies() {
  try {
    const names = await cmd('KLINE.LIST');
    const infos = (await cmds(names.slice(0, 200).map((n) => ['KLINE.INFO', n]))).filter((r) => !failed(r)).map(pairs);
    const body = $('#family-table tbody');
    body.replaceChildren();
    infos.forEach((info) => {
      const tr = document.createElement('tr');
      cell(tr, info.family);
      cell(tr, info.price + (info.volume ? ' / ' + info.volume : ''));
      cell(tr, info.timeframes.join(' '));
      cell(tr, info.calendar + ' (' + info.timezone + ' ' + info.sessions + ')');
      cell(tr, labelText(info.labels));
      tr.addEventListener('click', () => openFamily(info));
      body.appendChild(tr);
    });
  } catch (e) {
    status(e.message);
  }
}

$('#filter-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  loadSeries($('#filter').value);
});

// ---------------------------------------------------------------- charts

let chart, candles, volumes, line;
let source = null; // {kind: 'family', info, timeframe} | {kind: 'series', key, from, to, bucket}
let loading = false;

function ensureChart() {
  if (chart) return;
  chart = LC.createChart($('#chart'), {
    autoSize: true,
    layout: { background: { color: '#ffffff' }, textColor: '#333' },
    timeScale: { timeVisible: true, secondsVisible: false },
  });
  candles = chart.addSeries(LC.CandlestickSeries, {});
  line = chart.addSeries(LC.LineSeries, { color: '#2563eb', lineWidth: 2 });
  volumes = chart.addSeries(LC.HistogramSeries, { priceScaleId: 'volume', priceFormat: { type: 'volume' }, color: '#94a3b8' });
  chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
  let timer = null;
  chart.timeScale().subscribeVisibleTimeRangeChange(() => {
    clearTimeout(timer);
    timer = setTimeout(requeryVisible, 400);
  });
}

function draw(rows, mode) {
  ensureChart();
  const times = new Set();
  rows = rows.filter((r) => !times.has(r.time) && times.add(r.time));
  if (mode === 'line') {
    candles.setData([]);
    line.setData(rows.map((r) => ({ time: r.time, value: r.close })));
  } else {
    line.setData([]);
    candles.setData(rows.map((r) => ({ time: r.time, open: r.open, high: r.high, low: r.low, close: r.close })));
  }
  volumes.setData(rows.map((r) => ({ time: r.time, value: r.volume, color: r.close >= r.open ? '#86efac' : '#fca5a5' })));
}

async function openFamily(info) {
  const tf = $('#chart-timeframe');
  tf.replaceChildren(...info.timeframes.map((t) => Object.assign(document.createElement('option'), { value: t, textContent: t })));
  source = { kind: 'family', info, timeframe: info.timeframes[0] };
  showTab('chart');
  await drawFamily(true);
}

async function drawFamily(fit) {
  const { info, timeframe } = source;
  $('#chart-title').textContent = info.family + ' ' + timeframe + ' candles';
  const rows = await cmd('KLINE.RANGE', info.family, timeframe, '-', '+');
  draw(rows.map((r) => ({ time: r[0] / 1000, open: +r[1], high: +r[2], low: +r[3], close: +r[4], volume: +r[5] })), $('#chart-mode').value);
  if (fit) chart.timeScale().fitContent();
}

async function openSeries(key, info) {
  $('#chart-timeframe').replaceChildren();
  const first = info.firstTimestamp, last = info.lastTimestamp;
  source = { kind: 'series', key, from: first, to: last, bucket: 0 };
  showTab('chart');
  await drawSeries(first, last, true);
}

/** Any series, aggregated on the server to about 800 buckets of the window: OHLC and sample counts. */
async function drawSeries(from, to, fit) {
  const bucket = Math.max(1, Math.ceil((to - from + 1) / 800));
  source.from = from; source.to = to; source.bucket = bucket;
  $('#chart-title').textContent = source.key + ' (buckets of ' + bucket + ' ms)';
  const rows = await cmd('TS.RANGE', source.key, Math.max(0, Math.floor(from)), Math.ceil(to), 'AGGREGATION', 'first,max,min,last,count', bucket);
  draw(rows.map((r) => ({ time: r[0] / 1000, open: +r[1], high: +r[2], low: +r[3], close: +r[4], volume: +r[5] })), $('#chart-mode').value);
  if (fit) chart.timeScale().fitContent();
}

/** Zoom and pan: re-query a series when the window's resolution or extent changed enough. */
async function requeryVisible() {
  if (!source || source.kind !== 'series' || loading) return;
  const range = chart.timeScale().getVisibleRange();
  if (!range) return;
  const from = range.from * 1000, to = range.to * 1000;
  const span = to - from;
  const wanted = Math.max(1, Math.ceil(span / 800));
  const outside = from < source.from || to > source.to;
  if (!outside && wanted * 2 > source.bucket && wanted < source.bucket * 2) return;
  loading = true;
  try {
    await drawSeries(from - span, to + span, false);
  } catch (e) {
    status(e.message);
  } finally {
    loading = false;
  }
}

$('#chart-timeframe').addEventListener('change', () => {
  if (source && source.kind === 'family') {
    source.timeframe = $('#chart-timeframe').value;
    drawFamily(true).catch((e) => status(e.message));
  }
});
$('#chart-mode').addEventListener('change', () => {
  if (!source) return;
  (source.kind === 'family' ? drawFamily(false) : drawSeries(source.from, source.to, false)).catch((e) => status(e.message));
});

// ---------------------------------------------------------------- server page

function parseInfo(text) {
  const out = {};
  let section = '';
  text.split('\r\n').forEach((l) => {
    if (l.startsWith('# ')) section = l.slice(2).toLowerCase();
    else if (l.includes(':')) out[l.slice(0, l.indexOf(':'))] = { value: l.slice(l.indexOf(':') + 1), section };
  });
  return out;
}

let refreshes = 0;

async function refreshStats() {
  try {
    const info = parseInfo(await cmd('INFO', 'everything'));
    const v = (k) => (info[k] ? info[k].value : '-');
    const cards = [
      ['ops/s', v('instantaneous_ops_per_sec')], ['clients', v('connected_clients')], ['memory', v('used_memory_human')],
      ['commands', v('total_commands_processed')], ['keys', v('db0').split(',')[0].replace('keys=', '')],
      ['uptime s', v('uptime_in_seconds')], ['version', v('redis_version')],
    ];
    Object.keys(info).filter((k) => k.startsWith('latency_percentiles_usec_')).slice(0, 6).forEach((k) => {
      cards.push([k.replace('latency_percentiles_usec_', '') + ' µs', info[k].value]);
    });
    $('#stats').replaceChildren(...cards.map(([name, value]) => {
      const d = document.createElement('div');
      d.className = 'card';
      d.id = 'stat-' + name.replace(/[^a-z0-9]/gi, '_');
      d.innerHTML = '<b></b><span></span>';
      d.querySelector('b').textContent = value;
      d.querySelector('span').textContent = name;
      return d;
    }));
    const body = $('#business-table tbody');
    body.replaceChildren();
    Object.keys(info).filter((k) => info[k].section === 'business').forEach((k) => {
      const fig = {};
      info[k].value.split(',').forEach((p) => { const [a, b] = p.split('='); fig[a] = b; });
      const tr = document.createElement('tr');
      cell(tr, k);
      cell(tr, fig.keys || '-');
      cell(tr, fig.samples || '-');
      cell(tr, info[k].value);
      body.appendChild(tr);
    });
    const slow = await cmd('SLOWLOG', 'GET', '20');
    const sbody = $('#slowlog-table tbody');
    sbody.replaceChildren();
    slow.forEach((e) => {
      const tr = document.createElement('tr');
      cell(tr, e[0]);
      cell(tr, new Date(e[1] * 1000).toISOString());
      cell(tr, e[2]);
      cell(tr, e[3].join(' '));
      sbody.appendChild(tr);
    });
    $('#stats-refreshes').textContent = String(++refreshes);
  } catch (e) {
    status(e.message);
  }
}

// ---------------------------------------------------------------- command box

function splitArgs(line) {
  const out = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  let m;
  while ((m = re.exec(line))) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2] !== undefined ? m[2] : m[3]);
  return out;
}

$('#command-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const out = $('#command-reply');
  try {
    out.textContent = JSON.stringify(await cmd(...splitArgs($('#command').value)), null, 1);
  } catch (e) {
    out.textContent = '(error) ' + e.message;
  }
});

loadFamilies();
loadSeries('');
refreshStats();
setInterval(refreshStats, 2000);
