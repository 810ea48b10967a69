// attache dashboard: one page over the JSON API of `attache serve` (docs/api.md, docs/dashboard.md).
// Plain ES module, no framework, no network beyond this server. Text from the database is only ever
// inserted as text nodes (never as HTML); the chart is SVG rendered by the server and parsed as XML.

const $ = (selector) => document.querySelector(selector);

/** Builds an element: el('li', {class: 'x', dataset: {id: 1}, onclick: f}, 'text', child…). */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** GETs an API path; rejects with the API's own error message. */
async function api(path, params = {}) {
  const response = await fetch(path + query(params), { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error(body?.error?.message ?? `${path}: HTTP ${response.status}`);
  }
  return body;
}

/** Runs `load` for a panel; a later call for the same panel makes the earlier answer be ignored. */
const generations = new Map();
async function latest(panel, load) {
  const generation = (generations.get(panel) ?? 0) + 1;
  generations.set(panel, generation);
  const result = await load();
  return generations.get(panel) === generation ? result : undefined;
}

function setStatus(message, isError = false) {
  const status = $('#status');
  status.textContent = message;
  status.classList.toggle('error', isError);
}

function fail(where, error) {
  setStatus(`${where}: ${error.message}`, true);
}

const day = (published) => (published ?? '').slice(0, 10);
const fixed = (x, digits = 2) => (x === null || x === undefined ? '–' : Number(x).toFixed(digits));
const QUAD = { 1: 'verbal cooperation', 2: 'material cooperation', 3: 'verbal conflict', 4: 'material conflict' };

// ---------------------------------------------------------------------------------------------------------
// State: the pair, period length, direction and range, mirrored in the URL fragment so a view can be shared.

const state = { a: '', b: '', by: 'month', direction: 'both', from: '', to: '', period: null, series: null };

function readFragment() {
  const params = new URLSearchParams(location.hash.slice(1));
  const [a, b] = (params.get('pair') ?? '').split('-');
  return { a, b, by: params.get('by'), direction: params.get('direction'), from: params.get('from'), to: params.get('to') };
}

function writeFragment() {
  const params = { pair: `${state.a}-${state.b}`, by: state.by, direction: state.direction, from: state.from, to: state.to };
  history.replaceState(null, '', `#${query(params).slice(1)}`);
}

function readControls() {
  const [a, b] = $('#pair').value.split('-');
  Object.assign(state, {
    a: a ?? '',
    b: b ?? '',
    by: $('#by').value,
    direction: $('#direction').value,
    from: $('#from').value,
    to: $('#to').value,
  });
}

// ---------------------------------------------------------------------------------------------------------
// Pairs.

async function loadPairs(wanted) {
  const dyads = await api('/api/dyads', { rank: 'active', limit: 100 });
  const select = $('#pair');
  select.replaceChildren();
  for (const row of dyads.dyads) {
    const events = row.ab_events + row.ba_events;
    select.append(el('option', { value: `${row.a}-${row.b}` }, `${row.a} – ${row.b} (${events} events)`));
  }
  if (wanted.a && wanted.b) {
    const value = [wanted.a, wanted.b].sort().join('-');
    if (![...select.options].some((o) => o.value === value)) {
      select.append(el('option', { value }, `${wanted.a} – ${wanted.b}`));
    }
    select.value = value;
  }
  if (!select.options.length) {
    select.append(el('option', { value: '' }, 'no pair with fact events'));
    setStatus('The database holds no fact event between two countries yet: ingest some articles.');
  }
}

// ---------------------------------------------------------------------------------------------------------
// The chart: SVG from the server, one rect.period-hit per period.

async function loadChart() {
  const chart = $('#chart');
  if (!state.a || !state.b) return;
  const width = Math.max(320, Math.min(2400, Math.round(chart.clientWidth || 1000)));
  const height = Math.max(360, Math.min(680, Math.round(width * 0.56)));
  const params = { a: state.a, b: state.b, by: state.by, direction: state.direction, from: state.from, to: state.to };
  setStatus('Loading…');
  const loaded = await latest('chart', async () => {
    const [svgResponse, series] = await Promise.all([
      fetch(`/chart/relations.svg${query({ ...params, width, height })}`),
      api('/api/relations', params),
    ]);
    const text = await svgResponse.text();
    if (!svgResponse.ok) {
      throw new Error(JSON.parse(text)?.error?.message ?? `chart: HTTP ${svgResponse.status}`);
    }
    return { text, series };
  });
  if (!loaded) return;
  const svg = new DOMParser().parseFromString(loaded.text, 'image/svg+xml').documentElement;
  if (svg.nodeName !== 'svg') throw new Error('the chart is not valid SVG');
  svg.setAttribute('viewBox', `0 0 ${svg.getAttribute('width')} ${svg.getAttribute('height')}`);
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `Relations chart ${state.a}–${state.b} by ${state.by}`);
  chart.replaceChildren(document.importNode(svg, true));
  chart.dataset.pair = `${state.a}-${state.b}`;
  chart.dataset.by = state.by;
  state.series = loaded.series;
  const arrow = { both: '↔', ab: '→', ba: '←' }[state.direction];
  $('#chart-title').textContent = `Relations ${state.a} ${arrow} ${state.b} by ${state.by}`;
  showTotals(loaded.series);
  setStatus(`${loaded.series.periods.length} periods · ${loaded.series.from ?? '…'} to ${loaded.series.to ?? '…'}`);
}

function showTotals(series) {
  const t = series.total;
  const cooperation = t.verbal_cooperation + t.material_cooperation;
  const conflict = t.verbal_conflict + t.material_conflict;
  $('#totals').replaceChildren(
    el('span', {}, el('b', {}, t.events), ' fact events'),
    el('span', {}, el('b', {}, cooperation), ' cooperation · ', el('b', {}, conflict), ' conflict'),
    el('span', {}, 'Goldstein mean ', el('b', {}, fixed(t.goldstein_mean)), ` [${fixed(t.goldstein_low)} … ${fixed(t.goldstein_high)}]`),
    el('span', {}, 'tone ', el('b', {}, fixed(t.tone_mean))),
    el('span', {}, 'rhetoric–action gap ', el('b', {}, fixed(t.rhetoric_action_gap))),
  );
}

function selectPeriod(hit) {
  for (const other of document.querySelectorAll('#chart .period-hit.selected')) other.classList.remove('selected');
  hit.classList.add('selected');
  state.period = { label: hit.dataset.period, start: hit.dataset.start, end: hit.dataset.end };
  loadPeriodEvents().catch((error) => fail('events', error));
  loadQuotes().catch((error) => fail('quotes', error));
}

// ---------------------------------------------------------------------------------------------------------
// Events of a period (or of an article found by search), and the evidence of one event.

function pairFilter() {
  if (state.direction === 'ab') return { pair: `${state.a}-${state.b}`, directed: 'true' };
  if (state.direction === 'ba') return { pair: `${state.b}-${state.a}`, directed: 'true' };
  return { pair: `${state.a}-${state.b}` };
}

async function loadPeriodEvents() {
  const period = state.period;
  $('#events-title').textContent = `Events ${state.a}–${state.b} · ${period.label}`;
  $('#events-hint').textContent = `Fact events reported from ${period.start} to ${period.end} (each report listed; the chart counts a happening once).`;
  const found = await latest('events', () =>
    api('/api/events', { ...pairFilter(), from: period.start, to: period.end, mode: 'fact', limit: 500 }),
  );
  if (!found) return;
  showEvents(found, period.label);
}

async function loadArticleEvents(article) {
  $('#events-title').textContent = `Events · ${article.title ?? article.id}`;
  $('#events-hint').textContent = `Every event coded in article ${article.id} (all modes).`;
  const found = await latest('events', () => api('/api/events', { article: article.id, mode: 'all', limit: 500 }));
  if (!found) return;
  showEvents(found, `article:${article.id}`);
}

function showEvents(found, key) {
  const list = $('#event-list');
  list.dataset.period = key;
  list.replaceChildren(
    ...found.events.map((stored) => {
      const e = stored.event;
      return el(
        'li',
        { class: `event quad-${e.quad_class}`, dataset: { id: stored.id } },
        el(
          'button',
          { type: 'button', onclick: (click) => openEvent(stored.id, click.currentTarget) },
          el('span', { class: 'date' }, e.date ?? day(stored.published)),
          el('span', { class: 'code', title: QUAD[e.quad_class] }, e.code),
          el('span', { class: 'actors' }, `${e.source.code} → ${e.target.code}`),
          el('span', { class: 'name' }, e.name, e.mode === 'fact' ? '' : ` (${e.mode})`),
          el('span', { class: 'gold' }, fixed(e.goldstein, 1)),
          key.startsWith('article:') ? null : el('span', { class: 'article' }, stored.title ?? stored.article),
        ),
      );
    }),
  );
  if (!found.events.length) list.append(el('li', { class: 'empty' }, 'No event in this period.'));
  if (found.total > found.events.length) {
    list.append(el('li', { class: 'more' }, `… and ${found.total - found.events.length} more (narrow the range).`));
  }
}

async function openEvent(id, button) {
  for (const other of document.querySelectorAll('#event-list .selected')) other.classList.remove('selected');
  button?.closest('li')?.classList.add('selected');
  try {
    const evidence = await latest('evidence', () => api(`/api/events/${encodeURIComponent(id)}/evidence`));
    if (evidence) showEvidence(evidence);
  } catch (error) {
    fail('evidence', error);
  }
}

function showEvidence(ev) {
  $('#detail-hint').textContent = `${ev.article.title ?? ev.article.id} · ${day(ev.article.published)} · sentence ${ev.sentence.index}`;
  const sentence = el(
    'p',
    { class: 'sentence' },
    ev.segments.map((segment) => (segment.part ? el('mark', { class: segment.part, title: segment.part }, segment.text) : segment.text)),
  );
  const actor = (a) => [el('code', {}, a.code), ' ', a.text, a.entry ? el('span', { class: 'entry' }, ` (dictionary: ${a.entry})`) : ''];
  const rows = [
    ['event', [el('code', {}, ev.code), ` ${ev.name} · ${QUAD[ev.quad_class]} · Goldstein ${fixed(ev.goldstein, 1)} · ${ev.mode} · ${ev.date ?? ''}`]],
    ['source', actor(ev.source)],
    ['target', actor(ev.target)],
    ev.reporter ? ['reported by', actor(ev.reporter)] : null,
    ['verb', [ev.verb.text, ev.verb.entry ? el('span', { class: 'entry' }, ` (verb entry: ${ev.verb.entry})`) : '']],
    ['pattern', el('code', {}, ev.pattern || '–')],
    ['rule', el('code', {}, ev.rule)],
    ['dictionary', el('code', {}, ev.dictionary)],
  ].filter(Boolean);
  $('#detail-body').replaceChildren(
    el('div', { class: 'legend' }, el('mark', { class: 'source' }, 'source'), ' ', el('mark', { class: 'target' }, 'target'), ' ', el('mark', { class: 'verb' }, 'verb')),
    sentence,
    el('table', { class: 'evidence' }, rows.map(([name, value]) => el('tr', {}, el('th', {}, name), el('td', {}, value)))),
    el('details', {}, el('summary', {}, 'The coder’s explanation'), el('pre', {}, ev.explanation)),
  );
  $('#detail-body').dataset.event = ev.id;
}

// ---------------------------------------------------------------------------------------------------------
// Quotes of the range or the selected period, by the pair's speakers unless "all speakers".

/** Titles of the articles published in a range, by id (quotes name their article by id only). */
const titleCache = new Map();
async function articleTitles(from, to) {
  const key = `${from}…${to}`;
  if (!titleCache.has(key)) {
    const found = await api('/api/articles', { from, to, limit: 1000 });
    titleCache.set(key, new Map(found.articles.map((a) => [a.id, a.title ?? a.id])));
  }
  return titleCache.get(key);
}

async function loadQuotes() {
  const period = state.period;
  const from = period?.start ?? state.series?.from ?? state.from;
  const to = period?.end ?? state.series?.to ?? state.to;
  const everyone = $('#all-speakers').checked;
  const loaded = await latest('quotes', () =>
    Promise.all([api('/api/quotes', { from, to, limit: 500 }), articleTitles(from, to)]),
  );
  if (!loaded) return;
  const [found, titles] = loaded;
  const ofPair = (q) => {
    const code = q.quote.speaker?.code ?? '';
    return code.startsWith(state.a) || code.startsWith(state.b);
  };
  const quotes = everyone ? found.quotes : found.quotes.filter(ofPair);
  const who = everyone ? 'all speakers' : `speakers of ${state.a} and ${state.b}`;
  $('#quotes-title').textContent = `Quotes · ${period ? period.label : 'whole range'} · ${who}`;
  const list = $('#quote-list');
  list.replaceChildren(
    ...quotes.map((stored) => {
      const q = stored.quote;
      const speaker = q.speaker;
      const about = speaker ? [speaker.role, speaker.affiliation].filter(Boolean).join(', ') : '';
      return el(
        'li',
        { class: 'quote', dataset: { id: stored.id } },
        el('div', { class: 'speaker' }, el('b', {}, speaker?.name ?? 'unattributed'), about ? ` · ${about}` : '', speaker?.code ? el('code', {}, speaker.code) : ''),
        el('blockquote', { class: q.kind }, q.text),
        el('div', { class: 'source' }, `${q.kind} · ${day(stored.published)} · `, el('span', { class: 'article', title: stored.article }, titles.get(stored.article) ?? stored.article)),
      );
    }),
  );
  if (!quotes.length) list.append(el('li', { class: 'empty' }, `No quote by ${who} in this range.`));
}

// ---------------------------------------------------------------------------------------------------------
// Signals of the pair: open and met, each met one with the event that met it.

async function loadSignals() {
  const found = await latest('signals', () => api('/api/signals', { pair: `${state.a}-${state.b}`, limit: 500 }));
  if (!found) return;
  $('#signals-title').textContent = `Signals · ${state.a}–${state.b}`;
  const item = (s) =>
    el(
      'li',
      { class: `signal ${s.status}`, dataset: { id: `${s.article}:${s.idx}` } },
      el('div', { class: 'cue' }, el('b', {}, s.setter ?? 'unattributed'), s.setter_code ? el('code', {}, s.setter_code) : '', ` · ${s.date ?? ''}`),
      el('div', { class: 'text' }, `“${s.cue}” (${s.family}, ${s.mode})`),
      el(
        'ul',
        { class: 'actions' },
        s.actions.map((a) =>
          el('li', {}, `${a.actor ?? '?'} → ${a.target ?? '?'}: ${a.text} `, el('code', {}, a.codes.join(' ')), a.met_by ? ' ✓' : ''),
        ),
      ),
      s.met_by
        ? el(
            'button',
            {
              type: 'button',
              class: 'met-by',
              dataset: { event: `${s.met_by.article}:${s.met_by.event}` },
              onclick: (click) => openEvent(click.currentTarget.dataset.event),
            },
            `met on ${s.met_by.date} by ${s.met_by.source} → ${s.met_by.target} (${s.met_by.code})`,
          )
        : el('div', { class: 'waiting' }, 'no later event has done it yet'),
    );
  const open = found.signals.filter((s) => s.status === 'open');
  const met = found.signals.filter((s) => s.status === 'met');
  $('#signals-open').replaceChildren(...open.map(item));
  $('#signals-met').replaceChildren(...met.map(item));
  if (!open.length) $('#signals-open').append(el('li', { class: 'empty' }, 'none'));
  if (!met.length) $('#signals-met').append(el('li', { class: 'empty' }, 'none'));
}

// ---------------------------------------------------------------------------------------------------------
// Full-text search over articles.

async function search(words) {
  const panel = $('#search-panel');
  panel.hidden = false;
  panel.scrollIntoView({ block: 'nearest' });
  const found = await latest('search', () => api('/api/articles', { q: words, limit: 50 }));
  if (!found) return;
  $('#search-title').textContent = `Articles matching “${words}” (${found.articles.length})`;
  $('#search-results').replaceChildren(
    ...found.articles.map((article) =>
      el(
        'li',
        { class: 'article', dataset: { id: article.id } },
        el(
          'button',
          { type: 'button', onclick: () => loadArticleEvents(article).catch((error) => fail('events', error)) },
          el('b', {}, article.title ?? article.id),
          ` · ${day(article.published)} · ${article.source ?? ''}`,
        ),
      ),
    ),
  );
  if (!found.articles.length) $('#search-results').append(el('li', { class: 'empty' }, 'No article matches.'));
}

// ---------------------------------------------------------------------------------------------------------

async function refresh() {
  readControls();
  writeFragment();
  state.period = null;
  $('#event-list').replaceChildren();
  delete $('#event-list').dataset.period;
  $('#events-title').textContent = 'Events';
  $('#events-hint').textContent = 'Click a period of the chart.';
  try {
    await loadChart();
  } catch (error) {
    fail('chart', error);
    return;
  }
  await Promise.all([loadQuotes().catch((error) => fail('quotes', error)), loadSignals().catch((error) => fail('signals', error))]);
}

async function start() {
  const wanted = readFragment();
  if (wanted.by) $('#by').value = wanted.by;
  if (wanted.direction) $('#direction').value = wanted.direction;
  if (wanted.from) $('#from').value = wanted.from;
  if (wanted.to) $('#to').value = wanted.to;
  try {
    await loadPairs(wanted);
  } catch (error) {
    fail('pairs', error);
    return;
  }
  $('#controls').addEventListener('change', (change) => {
    if (change.target.id !== 'all-speakers') refresh();
  });
  $('#controls').addEventListener('submit', (submit) => submit.preventDefault());
  $('#reset-range').addEventListener('click', () => {
    $('#from').value = '';
    $('#to').value = '';
    refresh();
  });
  $('#all-speakers').addEventListener('change', () => loadQuotes().catch((error) => fail('quotes', error)));
  $('#chart').addEventListener('click', (click) => {
    const hit = click.target.closest?.('.period-hit');
    if (hit) selectPeriod(hit);
  });
  $('#chart').addEventListener('keydown', (key) => {
    const hit = key.target.closest?.('.period-hit');
    if (hit && (key.key === 'Enter' || key.key === ' ')) {
      key.preventDefault();
      selectPeriod(hit);
    }
  });
  $('#search').addEventListener('submit', (submit) => {
    submit.preventDefault();
    const words = $('#q').value.trim();
    if (words) search(words).catch((error) => fail('search', error));
  });
  await refresh();
}

start();
