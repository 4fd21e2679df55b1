// Aside's dashboard: polls /metrics (Prometheus text) and /health, and charts the last ten minutes
// with uPlot. Rates and percentiles are taken between two polls, as Prometheus' rate() and
// histogram_quantile() would: nothing here needs a Prometheus server. Everything it loads comes from
// this service (see DashboardRoutes), so it works offline.
(() => {
  'use strict';

  const every = Math.max(250, Number(new URLSearchParams(location.search).get('every')) || 2000);
  const KEPT = Math.ceil(600_000 / every); // ten minutes of polls
  const PALETTE = ['#0969da', '#cf222e', '#1a7f37', '#8250df', '#bf8700', '#1b7c83', '#e16f24', '#6e7781', '#d1242f', '#116329'];
  /** The yes/no states, each in a lane of its own (bottom up): a state is drawn at its lane's "yes" or "no" level. */
  const LANES = [
    { name: 'near cache', yes: 'serving', no: 'not serving' },
    { name: 'gate', yes: 'trusted', no: 'untrusted' },
    { name: 'breaker', yes: 'open', no: 'closed' },
  ];
  const YES = 0.6;

  // ---- Prometheus text ------------------------------------------------------------------------

  /** name -> [{labels, value}] */
  function parse(text) {
    const samples = new Map();
    for (const line of text.split('\n')) {
      if (line === '' || line[0] === '#') continue;
      const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
      if (!m) continue;
      const labels = {};
      for (const l of (m[2] || '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2].replace(/\\(.)/g, (_, c) => c === 'n' ? '\n' : c);
      if (!samples.has(m[1])) samples.set(m[1], []);
      samples.get(m[1]).push({ labels, value: number(m[3]) });
    }
    return samples;
  }

  function number(text) {
    return text === '+Inf' ? Infinity : text === '-Inf' ? -Infinity : Number(text);
  }

  const has = (scrape, name) => scrape.has(name);

  function total(scrape, name, keep = () => true) {
    let sum = 0;
    for (const s of scrape.get(name) || []) if (keep(s.labels)) sum += s.value;
    return sum;
  }

  /** The increase of a counter between the polls; null before a second poll or across a restart. */
  function increase(now, before, name, keep) {
    if (!before) return null;
    const d = total(now, name, keep) - total(before, name, keep);
    return d < 0 ? null : d;
  }

  function grouped(scrape, name, key) {
    const groups = new Map();
    for (const s of scrape.get(name) || []) {
      const group = key(s.labels);
      if (group != null) groups.set(group, (groups.get(group) || 0) + s.value);
    }
    return groups;
  }

  /** Per group, the increase of each histogram bucket between the polls, lowest bound first. */
  function bucketIncreases(now, before, histogram, key) {
    const counts = scrape => {
      const byGroup = new Map();
      for (const s of scrape.get(histogram + '_bucket') || []) {
        const group = key(s.labels), le = number(s.labels.le);
        if (group == null) continue;
        if (!byGroup.has(group)) byGroup.set(group, new Map());
        byGroup.get(group).set(le, (byGroup.get(group).get(le) || 0) + s.value);
      }
      return byGroup;
    };
    const result = new Map();
    if (!before) return result;
    const earlier = counts(before);
    for (const [group, buckets] of counts(now)) {
      const then = earlier.get(group) || new Map();
      result.set(group, [...buckets].map(([le, n]) => ({ le, n: n - (then.get(le) || 0) })).sort((a, b) => a.le - b.le));
    }
    return result;
  }

  /** As histogram_quantile(): linear within the bucket that holds the rank; null with no observations. */
  function quantile(q, buckets) {
    const count = buckets.length ? buckets[buckets.length - 1].n : 0;
    if (!(count > 0)) return null;
    const rank = q * count;
    let lower = 0, below = 0;
    for (const b of buckets) {
      if (b.n >= rank) {
        if (b.le === Infinity) return lower;
        return lower + (b.le - lower) * (b.n > below ? (rank - below) / (b.n - below) : 1);
      }
      lower = b.le;
      below = b.n;
    }
    return lower;
  }

  const ratio = (part, whole) => whole > 0 ? 100 * part / whole : null;
  const perSecond = (n, seconds) => n == null ? null : n / seconds;
  /** The API's routes, by method: the dashboard's own requests (this page, its files, its polls) would drown them. */
  const OWN = new Set(['/', '/dashboard', '/dashboard/{asset}', '/metrics', '/health', '/api', '/openapi.json']);
  const route = labels => OWN.has(labels.route) ? null : `${labels.method} ${labels.route}`;

  // ---- what is charted ------------------------------------------------------------------------

  /** Each chart computes its series from two polls: [{label, value, scale?, dash?, colorOf?}]. */
  const CHARTS = [
    {
      id: 'requests', title: 'Requests per second, by route', unit: '/s',
      note: 'The API\'s routes; UNMATCHED: paths no route answers. The dashboard\'s own requests are left out (they are in /metrics).',
      series: (now, before, seconds) => {
        if (!before) return [];
        const then = grouped(before, 'aside_http_server_requests_seconds_count', route);
        return [...grouped(now, 'aside_http_server_requests_seconds_count', route)].sort()
          .map(([name, n]) => ({ label: name, value: Math.max(0, n - (then.get(name) || 0)) / seconds }));
      },
    },
    {
      id: 'latency', title: 'Latency by route: p99 (solid) and p50 (dashed)', unit: 'ms',
      note: 'From the histogram buckets of aside_http_server_requests_seconds between two polls.',
      series: (now, before) => [...bucketIncreases(now, before, 'aside_http_server_requests_seconds', route)].sort()
        .flatMap(([name, buckets], i) => [
          { label: `${name} p99`, value: ms(quantile(0.99, buckets)), color: i },
          { label: `${name} p50`, value: ms(quantile(0.5, buckets)), color: i, dash: true },
        ]),
    },
    {
      id: 'hits', title: 'Hit ratio by tier', unit: '%', range: [0, 100],
      note: 'Reads each tier answered among those that asked it; a tombstone answering "not found" is a hit too.',
      series: (now, before) => {
        const kind = (now.get('aside_cache_info') || [{ labels: { kind: 'cache' } }])[0].labels.kind;
        const found = increase(now, before, 'aside_cache_hits_total');
        const hits = found == null ? null : found + increase(now, before, 'aside_cache_negative_hits_total');
        const misses = increase(now, before, 'aside_cache_misses_total');
        if (!has(now, 'aside_near_cache_hits_total')) return [{ label: kind, value: hits == null ? null : ratio(hits, hits + misses) }];
        const nearHits = increase(now, before, 'aside_near_cache_hits_total');
        const nearMisses = increase(now, before, 'aside_near_cache_misses_total');
        const shared = hits == null ? null : hits - nearHits;
        return [
          { label: 'near cache (memory)', value: nearHits == null ? null : ratio(nearHits, nearHits + nearMisses) },
          { label: kind, value: shared == null ? null : ratio(shared, shared + misses) },
          { label: 'all tiers', value: hits == null ? null : ratio(hits, hits + misses) },
        ];
      },
    },
    {
      id: 'loads', title: 'Database loads and herd protection', unit: '/s',
      note: 'Loads made for the cache; reads answered by another read (coalesced) or after waiting on another\'s lease; fills refused as stale; reads sent to the database by an undelivered invalidation; cache calls failed or shed.',
      series: (now, before, seconds) => [
        ['database loads', 'aside_cache_load_seconds_count'], ['coalesced', 'aside_cache_coalesced_total'],
        ['lease waits', 'aside_cache_lease_waits_total'], ['fills refused', 'aside_cache_fills_refused_total'],
        ['untrusted reads', 'aside_cache_untrusted_reads_total'], ['cache errors', 'aside_cache_errors_total'],
      ].map(([label, name]) => ({ label, value: perSecond(increase(now, before, name), seconds) })),
    },
    {
      id: 'lag', title: 'Invalidation lag', unit: 'ms',
      note: 'From a write\'s commit until its invalidation took effect (by its writer or a relay); then until every near cache acknowledged it.',
      series: (now, before) => {
        const all = () => 'all';
        const delivered = bucketIncreases(now, before, 'aside_invalidation_lag_seconds', all).get('all') || [];
        const lines = [
          { label: 'commit → delivered p50', value: ms(quantile(0.5, delivered)), color: 0, dash: true },
          { label: 'commit → delivered p99', value: ms(quantile(0.99, delivered)), color: 0 },
        ];
        if (has(now, 'aside_near_cache_invalidation_wait_seconds_count')) {
          const acked = bucketIncreases(now, before, 'aside_near_cache_invalidation_wait_seconds', all).get('all') || [];
          lines.push({ label: 'delivered → acknowledged p99', value: ms(quantile(0.99, acked)), color: 1 });
        }
        return lines;
      },
    },
    {
      id: 'outbox', title: 'Outbox: invalidations waiting for a relay', unit: '', scales: { age: 's' },
      note: 'The shared outbox as this instance\'s relay last found it: entries its writers could not deliver, and how old the oldest is.',
      series: now => [
        { label: 'entries', value: total(now, 'aside_outbox_backlog') },
        { label: 'oldest age (s)', value: total(now, 'aside_outbox_oldest_age_seconds'), scale: 'age' },
      ],
    },
    {
      id: 'stale', title: 'Stale bound', unit: 's',
      note: 'The longest a reader may now be served a value an answered write replaced: 0 while healthy; the fallback window or the relays\' bound while degraded.',
      series: now => [{ label: 'stale bound', value: total(now, 'aside_stale_bound_seconds') }],
    },
    {
      id: 'states', title: 'Breaker, gate and serving lease', unit: '', lanes: LANES,
      note: 'The gate is trusted while reads of every key may use the cache; serving, while this instance answers from its near cache under its lease.',
      series: now => [
        lane(2, has(now, 'aside_cache_breaker_open') ? total(now, 'aside_cache_breaker_open') > 0 : null),
        lane(1, has(now, 'aside_cache_trusted') ? total(now, 'aside_cache_trusted') > 0 : null),
        lane(0, has(now, 'aside_near_cache_serving') ? total(now, 'aside_near_cache_serving') > 0 : null),
      ],
    },
  ];

  function ms(seconds) {
    return seconds == null ? null : seconds * 1000;
  }

  /** A yes/no state drawn in its own lane, so that three of them never hide each other. */
  function lane(index, state) {
    return { label: LANES[index].name, value: state == null ? null : index + (state ? YES : 0), color: index };
  }

  // ---- charts -----------------------------------------------------------------------------------

  const times = [];
  const charts = CHARTS.map(definition => ({ ...definition, lines: new Map(), plot: null, shape: '', drawn: {} }));

  function format(value, unit) {
    if (value == null || Number.isNaN(value)) return '–';
    const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
    return value.toFixed(digits) + (unit ? ' ' + unit : '');
  }

  function card(chart) {
    const element = document.createElement('section');
    element.className = 'chart';
    element.id = 'chart-' + chart.id;
    const title = document.createElement('h2');
    title.textContent = chart.title;
    const note = document.createElement('p');
    note.textContent = chart.note;
    element.append(title, note);
    document.getElementById('charts').append(element);
    return element;
  }

  function options(chart, width) {
    const lines = [...chart.lines];
    const scales = { x: { time: true } };
    scales.y = chart.lanes ? { range: [-0.2, chart.lanes.length - 1 + YES + 0.2] }
      : { range: (u, min, max) => chart.range || [0, max > 0 ? max * 1.1 : 1] };
    for (const scale of Object.keys(chart.scales || {})) scales[scale] = { range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1] };
    const word = v => { const l = chart.lanes[Math.round(v - YES / 2)]; return v % 1 > YES / 2 ? l.yes : l.no; };
    const valueOf = chart.lanes ? (u, v) => v == null ? '–' : word(v) : (u, v) => format(v, chart.unit);
    const axes = [{}, chart.lanes
      ? { size: 90, splits: () => chart.lanes.flatMap((_, i) => [i, i + YES]), values: (u, splits) => splits.map(word) }
      : { size: 60, values: (u, splits) => splits.map(v => format(v, '')) }];
    for (const [scale, unit] of Object.entries(chart.scales || {})) {
      axes.push({ scale, side: 1, size: 50, grid: { show: false }, values: (u, splits) => splits.map(v => format(v, unit)) });
    }
    return {
      width, height: 220, scales, axes,
      series: [{}, ...lines.map(([label, line]) => ({
        label, scale: line.scale || 'y', width: 1.5, spanGaps: false, dash: line.dash ? [5, 4] : undefined,
        stroke: PALETTE[line.color % PALETTE.length], value: valueOf, // points are drawn where sparse: a value between gaps shows
        paths: chart.lanes ? uPlot.paths.stepped({ align: 1 }) : undefined,
      }))],
      hooks: { draw: [u => { chart.drawn = drawn(u); }] },
    };
  }

  /** How many values the last draw showed, by series: what a test (or a person) checks to see data arrived. */
  function drawn(u) {
    const counts = {};
    for (let i = 1; i < u.data.length; i++) counts[u.series[i].label] = u.data[i].filter(v => v != null).length;
    return counts;
  }

  function record(chart, now, before, seconds) {
    const at = times.length - 1;
    const seen = new Set();
    chart.series(now, before, seconds).forEach((s, i) => {
      seen.add(s.label);
      if (!chart.lines.has(s.label)) {
        chart.lines.set(s.label, { values: new Array(at).fill(null), scale: s.scale, dash: s.dash, color: s.color ?? i });
      }
      chart.lines.get(s.label).values.push(Number.isFinite(s.value) ? s.value : null);
    });
    for (const [label, line] of chart.lines) if (!seen.has(label)) line.values.push(null);
  }

  function draw(chart) {
    const element = document.getElementById('chart-' + chart.id) || card(chart);
    const shape = [...chart.lines.keys()].join('\n');
    const data = [times, ...[...chart.lines.values()].map(line => line.values)];
    if (chart.plot && chart.shape === shape) {
      chart.plot.setData(data);
      return;
    }
    // A new series (a route seen for the first time, say): uPlot's series are fixed, so rebuild.
    if (chart.plot) chart.plot.destroy();
    chart.shape = shape;
    chart.plot = new uPlot(options(chart, element.clientWidth - 16), data, element);
  }

  function forget() {
    if (times.length <= KEPT) return;
    times.shift();
    for (const chart of charts) for (const line of chart.lines.values()) line.values.shift();
  }

  // ---- tiles: the state now ---------------------------------------------------------------------

  function tile(name, value, tone) {
    const element = document.createElement('div');
    element.className = 'tile ' + (tone || '');
    const label = document.createElement('div');
    label.className = 'name';
    label.textContent = name;
    const text = document.createElement('div');
    text.className = 'value';
    text.textContent = value;
    element.append(label, text);
    return element;
  }

  function showTiles(now, health) {
    const tones = { UP: 'ok', DEGRADED: 'warn', DOWN: 'bad', UNTRUSTED: 'warn' };
    const kind = (now.get('aside_cache_info') || [{ labels: { kind: '?' } }])[0].labels.kind;
    const cache = health?.components?.cache?.status ?? '?';
    const breaker = has(now, 'aside_cache_breaker_open') ? (total(now, 'aside_cache_breaker_open') > 0 ? 'open' : 'closed') : 'none';
    const serving = has(now, 'aside_near_cache_serving') ? (total(now, 'aside_near_cache_serving') > 0 ? 'serving' : 'not serving') : 'off';
    const stale = total(now, 'aside_stale_bound_seconds');
    const backlog = total(now, 'aside_outbox_backlog');
    document.getElementById('tiles').replaceChildren(
      tile('service', health?.status ?? '?', tones[health?.status]),
      tile('database', health?.components?.db?.status ?? '?', tones[health?.components?.db?.status]),
      tile(`cache (${kind})`, cache, tones[cache]),
      tile('breaker', breaker, breaker === 'open' ? 'bad' : breaker === 'closed' ? 'ok' : ''),
      tile('near cache', serving, serving === 'not serving' ? 'warn' : serving === 'serving' ? 'ok' : ''),
      tile('stale bound', format(stale, 's'), stale > 0 ? 'warn' : 'ok'),
      tile('outbox backlog', backlog > 0 ? `${backlog} (${format(total(now, 'aside_outbox_oldest_age_seconds'), 's')})` : '0', backlog > 0 ? 'warn' : 'ok'),
    );
  }

  // ---- the loop -----------------------------------------------------------------------------------

  let before = null, beforeAt = 0, polls = 0, failures = 0;

  /** Both documents, or null when the service does not answer: that is expected now and then, not an error. */
  async function fetchBoth() {
    try {
      const [metrics, health] = await Promise.all([fetch('/metrics', { cache: 'no-store' }), fetch('/health', { cache: 'no-store' })]);
      if (!metrics.ok) return null;
      return { now: parse(await metrics.text()), health: await health.json().catch(() => null) }; // a 503 (database down) has a body too
    } catch (unreachable) {
      return null;
    }
  }

  /** A fault in drawing is not caught: it reaches the console, where the browser test looks. */
  async function poll() {
    try {
      const polled = await fetchBoth();
      document.getElementById('unreachable').hidden = polled != null;
      if (polled == null) {
        failures++;
        before = null; // a rate across the gap would be wrong
        return;
      }
      const at = Date.now();
      const seconds = (at - beforeAt) / 1000;
      times.push(at / 1000);
      for (const chart of charts) record(chart, polled.now, before, seconds);
      forget();
      charts.forEach(draw);
      showTiles(polled.now, polled.health);
      before = polled.now;
      beforeAt = at;
      polls++;
      document.getElementById('updated').textContent = 'updated ' + new Date(at).toLocaleTimeString() + ', every ' + every / 1000 + ' s';
    } finally {
      setTimeout(poll, every);
    }
  }

  addEventListener('resize', () => {
    for (const chart of charts) if (chart.plot) chart.plot.setSize({ width: document.getElementById('chart-' + chart.id).clientWidth - 16, height: 220 });
  });

  window.asideDashboard = {
    polls: () => polls,
    failures: () => failures,
    charts: () => Object.fromEntries(charts.map(c => [c.id, c.drawn])),
  };
  poll();
})();
