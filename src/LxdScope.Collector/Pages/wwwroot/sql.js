// The SQL console: read-only queries on a cluster's global database or its members' local
// databases, as the agents last copied them (or as of an earlier copy). The query and its options
// live in the URL, so a link reproduces a result; the console token lives in this tab only.
import { send, getJson, ApiError } from './api.js';
import { h, replace, table } from './dom.js';
import { age, time } from './format.js';
import { token } from './token.js';

const $ = id => document.getElementById(id);

let current = null;        // the result on screen: { request, result }
let running = null;        // AbortController of the query in flight
let pendingRun = false;    // a permalink waiting for the token


/** Runs an event handler, showing a failure instead of leaving it unhandled. */
function guard(fn) {
  return async () => {
    try {
      await fn();
    } catch (e) {
      showProblem(e instanceof ApiError ? e.title : 'Error', e instanceof ApiError ? e.detail : String(e), e.status);
    }
  };
}

// ---- the token ---------------------------------------------------------------------------

function renderToken(problem) {
  const has = token.get() !== null;
  replace($('token-state'), has ? ['token set (this tab) ', forgetButton()] : 'no console token');
  $('token-state').dataset.state = has ? 'fresh' : 'none';
  $('token-panel').hidden = has && !problem;
  replace($('token-problem'), problem ?? null);
  if (!has || problem) $('token').focus();
}

function forgetButton() {
  return h('button', { type: 'button', class: 'secondary small', id: 'forget-token', onclick: () => { token.clear(); renderToken(); } }, 'Forget token');
}

/** 401: the token is wrong (forget it, ask again). 403: right token, not allowed here (keep it). */
function tokenRefused(e) {
  const words = `${e.title}${e.detail ? `: ${e.detail}` : ''}`;
  if (e.status === 401) {
    token.clear();
    renderToken(h('p', { class: 'error' }, 'The collector refused the console token (401). Enter it again. ', h('br'), words));
  } else if (e.status === 403) {
    renderToken(h('p', { class: 'error' }, 'The console refused (403): ', words, ' ', forgetButton()));
  }
}

// ---- the form and the URL ----------------------------------------------------------------

function readForm() {
  return {
    cluster: $('cluster').value,
    database: $('database').value,
    member: $('member').value || null,
    as_of: $('as-of').value || null,
    query: $('query').value,
  };
}

function permalink(o) {
  const p = new URLSearchParams();
  p.set('cluster', o.cluster);
  p.set('database', o.database);
  if (o.member) p.set('member', o.member);
  if (o.as_of) p.set('as_of', o.as_of);
  p.set('query', o.query);
  return `/sql?${p}`;
}

/** Selects a value, adding it as an option first when the list lacks it (the server then says what is wrong with it). */
function choose(select, value, label) {
  if (value === null || value === undefined) return;
  if (![...select.options].some(o => o.value === value)) select.append(h('option', { value }, label ?? value));
  select.value = value;
}

function options(select, list, keep) {
  const before = keep ?? select.value;
  replace(select, list.map(([value, label]) => h('option', { value }, label)));
  if ([...select.options].some(o => o.value === before)) select.value = before;
}

async function loadClusters(wanted) {
  const list = await getJson('/api/v1/clusters');
  options($('cluster'), list.map(c => [c.name, c.name]));
  if (wanted) choose($('cluster'), wanted);
}

async function loadMembers(wanted) {
  const select = $('member');
  // The global database is the cluster's: no member to name (the API refuses one).
  if ($('database').value === 'global') {
    options(select, [['', '— (the cluster\'s database)']]);
    select.disabled = true;
    return;
  }
  select.disabled = false;
  let names = [];
  if ($('cluster').value) {
    try {
      const detail = await getJson(`/api/v1/clusters/${encodeURIComponent($('cluster').value)}`);
      names = detail.status.members.map(m => m.name);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404) throw e;
    }
  }
  options(select, [['', 'every member (fan-out)'], ...names.map(n => [n, n])], wanted);
  if (wanted) choose(select, wanted);
}

/** The members a local fan-out covers, as the picker lists them. */
const allMembers = () => [...$('member').options].map(o => o.value).filter(v => v !== '');

function consoleQuery(member) {
  const p = new URLSearchParams({ cluster: $('cluster').value, database: $('database').value });
  if (member) p.set('member', member);
  return p;
}

/**
 * Schema and versions are per database copy: the global one, or one member's local.db. For a
 * fan-out the schema shown is the first member's, and the as-of picker offers every member's versions.
 */
function copies() {
  if ($('database').value === 'global') return [null];
  if ($('member').value) return [$('member').value];
  return allMembers();
}

async function loadVersions(wanted) {
  const select = $('as-of');
  const keep = wanted ?? select.value;
  const seen = new Set();
  try {
    for (const member of copies()) {
      const versions = await getJson(`/api/v1/sql/versions?${consoleQuery(member)}`);
      versions.forEach(v => seen.add(v.at));
    }
  } finally {
    const sorted = [...seen].sort((a, b) => Date.parse(b) - Date.parse(a));
    options(select, [['', 'latest'], ...sorted.map(at => [at, time(at)])], keep);
    if (keep) choose(select, keep, time(keep));
  }
}

async function loadSchema() {
  const target = $('schema');
  const [member] = copies();
  if (member === undefined) {
    replace(target, h('p', { class: 'muted' }, 'No member known: no local database to show.'));
    return;
  }
  try {
    const schema = await getJson(`/api/v1/sql/schema?${consoleQuery(member)}`);
    const whose = member ? h('p', { class: 'hint' }, `local.db of ${member}`) : h('p', { class: 'hint' }, 'global database');
    replace(target, whose, schema.tables.length === 0 ? h('p', { class: 'muted' }, 'No tables.') : h('ul', null, schema.tables.map(t => h('li', { 'data-table': t.name },
      h('details', null,
        h('summary', null, t.name),
        h('div', { class: 'cols' }, t.columns.join(', ')),
        h('button', { type: 'button', class: 'secondary', onclick: () => { $('query').value = `select * from ${t.name} limit 100`; run(); } }, `select * from ${t.name}`))))));
  } catch (e) {
    replace(target, h('p', { class: 'error' }, e.message));
    throw e;
  }
}

async function loadCanned() {
  const target = $('canned');
  try {
    const canned = await getJson(`/api/v1/sql/canned?${new URLSearchParams({ cluster: $('cluster').value })}`);
    replace(target, canned.length === 0 ? h('p', { class: 'muted' }, 'None for this cluster.') : h('ul', null, canned.map(c => h('li', { 'data-canned': c.id },
      h('button', {
        type: 'button', title: c.query,
        onclick: guard(async () => {
          $('database').value = c.database;
          $('query').value = c.query;
          await loadMembers('');
          await refreshPickers();
          await run();
        }),
      }, c.title),
      h('div', { class: 'desc' }, `${c.database}: ${c.description}`)))));
  } catch (e) {
    replace(target, h('p', { class: 'error' }, e.message));
    throw e;
  }
}

/** Everything that depends on the token and on the cluster/database/member chosen. */
async function refreshPickers(wantedAsOf) {
  if (token.get() === null) return;
  const results = await Promise.allSettled([loadCanned(), loadSchema(), loadVersions(wantedAsOf)]);
  const refused = results.find(r => r.status === 'rejected' && r.reason instanceof ApiError && (r.reason.status === 401 || r.reason.status === 403));
  if (refused) tokenRefused(refused.reason);
}

// ---- running a query ---------------------------------------------------------------------

function showProblem(title, detail, status) {
  replace($('problem'), h('div', { class: 'problem', role: 'alert', 'data-status': status ?? '' },
    h('strong', null, title), detail ? h('div', { class: 'detail' }, detail) : null));
}

function cell(value) {
  if (value === null) return [{ class: 'null' }, 'NULL'];
  if (typeof value === 'number') return [{ class: 'num' }, String(value)];
  return String(value);
}

function renderResult(result) {
  const scope = result.database === 'local'
    ? (result.member ? `local database of ${result.member}` : 'local databases of every member')
    : 'global database';
  const snap = result.snapshot;
  const snapshot = snap
    ? h('span', { 'data-snapshot': snap.at },
      `${result.snapshots ? 'oldest copy' : 'copy'} as of ${time(snap.at)} (${age(snap.age_seconds)} old, last changed ${time(snap.changed_at)})`)
    : h('span', { class: 'unknown' }, 'snapshot time unknown');
  replace($('meta'),
    h('span', { 'data-row-count': result.row_count }, `${result.row_count} row${result.row_count === 1 ? '' : 's'}`),
    result.truncated ? h('span', { class: 'truncated', 'data-truncated': 'true' }, 'TRUNCATED: more rows exist than shown; narrow the query') : null,
    h('span', null, `${result.cluster}, ${scope}`),
    snapshot,
    snap?.stale ? h('span', { class: 'stale', 'data-stale': 'true' }, 'STALE: no agent has confirmed this content recently') : null,
    snap?.note ? h('span', { class: 'stale' }, snap.note) : null,
    result.snapshots ? h('span', { class: 'muted' }, `per member: ${result.snapshots.map(x => `${x.member} ${age(x.age_seconds)} old${x.stale ? ' (STALE)' : ''}`).join(', ')}`) : null,
    h('span', { class: 'muted' }, `${result.elapsed_ms.toFixed(1)} ms`));
  replace($('results'), result.columns.length === 0 ? h('p', { class: 'muted' }, 'No columns.')
    : h('div', { class: 'results-wrap' }, table(result.columns, result.rows.map(r => r.map(cell)), { class: 'results' })));
  $('export-csv').disabled = false;
  $('export-json').disabled = false;
}

function clearResult() {
  current = null;
  replace($('meta'));
  replace($('results'));
  $('export-csv').disabled = true;
  $('export-json').disabled = true;
}

async function run() {
  if (token.get() === null) {
    pendingRun = true;
    renderToken(h('p', { class: 'error' }, 'Enter the console token to run queries.'));
    return;
  }
  const request = readForm();
  if (!request.query.trim()) {
    showProblem('Nothing to run', 'Write a SELECT query first.');
    return;
  }
  const link = permalink(request);
  history.replaceState(null, '', link);
  $('permalink').href = link;

  running?.abort();
  const controller = new AbortController();
  running = controller;
  $('run').disabled = true;
  $('run').textContent = 'Running…';
  replace($('problem'));
  try {
    const response = await send('/api/v1/sql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ ...request, format: 'json' }),
      signal: controller.signal,
    });
    const result = await response.json();
    if (controller !== running) return;
    current = { request, result };
    renderResult(result);
  } catch (e) {
    if (controller !== running) return;
    clearResult();
    const err = e instanceof ApiError ? e : new ApiError(0, 'The query failed', String(e));
    const hint = { 401: ' Enter the console token again.', 429: ' Too many queries are running on the collector; try again in a moment.' }[err.status] ?? '';
    showProblem(err.status ? `${err.title} (${err.status})` : err.title, `${err.detail ?? ''}${hint}`, err.status);
    tokenRefused(err);
  } finally {
    if (controller === running) {
      running = null;
      $('run').disabled = false;
      $('run').textContent = 'Run';
    }
  }
}

// ---- export ------------------------------------------------------------------------------

function csvField(value) {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function download(extension, type, text) {
  const { request } = current;
  const stamp = (current.result.snapshot?.at ?? new Date().toISOString()).replace(/[:.]/g, '-');
  const name = `lxdscope-${request.cluster}-${request.database}${request.member ? `-${request.member}` : ''}-${stamp}.${extension}`;
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The result on screen, exactly: the same rows, not a re-run that could see a newer copy. */
function exportCsv() {
  const { result } = current;
  const lines = [result.columns, ...result.rows].map(r => r.map(csvField).join(','));
  download('csv', 'text/csv', `${lines.join('\r\n')}\r\n`);
}

function exportJson() {
  download('json', 'application/json', `${JSON.stringify(current.result, null, 2)}\n`);
}

// ---- start -------------------------------------------------------------------------------

/** The cluster and member pickers, as the URL asks (the collector may need a token for them too, when it has viewers). */
async function loadClusterPickers() {
  const url = new URLSearchParams(location.search);
  await loadClusters($('cluster').value || url.get('cluster'));
  await loadMembers($('member').value || url.get('member'));
}

async function start() {
  const url = new URLSearchParams(location.search);
  $('database').value = url.get('database') === 'local' ? 'local' : 'global';
  $('query').value = url.get('query') ?? '';
  try {
    await loadClusterPickers();
  } catch (e) {
    showProblem('Could not load the clusters', e.message, e.status);
  }
  $('permalink').href = location.pathname + location.search;
  renderToken();
  await refreshPickers(url.get('as_of'));
  if (url.get('as_of')) choose($('as-of'), url.get('as_of'), time(url.get('as_of')));
  if (url.get('query')) {
    await run();
  }
}

$('token-form').addEventListener('submit', async e => {
  e.preventDefault();
  const value = $('token').value.trim();
  if (!value) return;
  token.set(value);
  $('token').value = '';
  renderToken();
  if ($('cluster').options.length === 0) {
    try {
      await loadClusterPickers();
      replace($('problem'));
    } catch (e) {
      showProblem('Could not load the clusters', e.message, e.status);
      tokenRefused(e);
      return;
    }
  }
  await refreshPickers();
  if (pendingRun && token.get() !== null) {
    pendingRun = false;
    await run();
  }
});
$('run').addEventListener('click', run);
$('query').addEventListener('keydown', e => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    run();
  }
});
$('cluster').addEventListener('change', guard(async () => { await loadMembers(); await refreshPickers(); }));
$('database').addEventListener('change', guard(async () => { await loadMembers($('member').value); await refreshPickers(); }));
$('member').addEventListener('change', guard(() => refreshPickers()));
$('as-of').addEventListener('change', () => { $('permalink').href = permalink(readForm()); });
$('export-csv').addEventListener('click', exportCsv);
$('export-json').addEventListener('click', exportJson);
guard(start)();
