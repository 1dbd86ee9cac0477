// How a cluster's status reads: the quorum badge, member states, where it came from, since when,
// and which runbook says what to do. Shared by the overview and the cluster page.
import { h } from './dom.js';
import { age, time, secondsBetween } from './format.js';

const RUNBOOKS = 'docs/runbooks.md';

/** The runbook section for a situation, as text: the pages are served where the repository may not be. */
export function runbook(section) {
  return h('span', { class: 'runbook' }, 'What to do: ', h('code', null, `${RUNBOOKS} § ${section}`));
}

/** ok, at-risk, lost or unknown, with LXD's own numbers behind it. */
export function quorumLevel(q) {
  if (!q || q.judged === false || q.voters === 0) return 'unknown';
  if (!q.has_quorum) return 'lost';
  if (q.failure_tolerance === 0) return 'at-risk';
  return 'ok';
}

const QUORUM_TEXT = { ok: 'QUORUM OK', 'at-risk': 'QUORUM AT RISK', lost: 'QUORUM LOST', unknown: 'QUORUM UNKNOWN' };

export function quorumBadge(q) {
  const level = quorumLevel(q);
  return h('span', { class: `badge quorum-${level}`, 'data-quorum': level }, QUORUM_TEXT[level]);
}

export function quorumSummary(q) {
  if (quorumLevel(q) === 'unknown') return q?.basis ?? 'No agent reports: quorum unknown.';
  return `${q.voters_online} of ${q.voters} voters alive, failure tolerance ${q.failure_tolerance}, leader ${q.leader ?? 'unknown'}`;
}

const PRODUCT_NAME = { lxd: 'LXD', incus: 'Incus' };

/** Which daemon the cluster runs, and its version: an operator with both kinds reads commands off it. */
export function productTag(status) {
  const name = status.product ? (PRODUCT_NAME[status.product] ?? status.product) : 'product unknown';
  return h('span', { class: 'product', 'data-product': status.product ?? 'unknown' }, status.version ? `${name} ${status.version}` : name);
}

const STATE_CLASS = {
  ONLINE: 'ok', REACHABLE: 'ok',
  OFFLINE: 'bad', UNREACHABLE: 'bad', BLOCKED: 'bad',
  EVACUATED: 'warn', EVACUATING: 'warn', RESTORING: 'warn', PENDING: 'warn',
};

export function stateBadge(state) {
  return h('span', { class: `badge state-${STATE_CLASS[state] ?? 'unknown'}` }, state || 'UNKNOWN');
}

/** Where the member list came from, and how old it is. */
export function sourceText(status) {
  const from = status.global_from_agent ? ` by ${status.global_from_agent}` : '';
  switch (status.source) {
    case 'global':
      return `From the cluster database, read${from} ${age(status.global_age_seconds)} before the collector evaluated it.`;
    case 'last-known':
      return `LAST-KNOWN VIEW: no agent can read the cluster database now. Members are from the view read${from} ${age(status.global_age_seconds)} ago; their states come from the agents' probes of each other.`;
    case 'agents':
      return 'No agent has read the cluster database yet: members come from the raft configuration, states from the agents\' probes.';
    default:
      return `Source: ${status.source}.`;
  }
}

/** The newest event of one of these kinds (events are newest first), optionally for one member. */
function latest(events, kinds, member) {
  return events.find(e => kinds.includes(e.kind) && (member === undefined || e.member === member));
}

/** "since 05:01:02Z (3m 05s)" when the events say when this state began; null when they do not. */
export function since(events, evaluatedAt, startKind, kinds, member) {
  const e = latest(events, kinds, member);
  if (!e || e.kind !== startKind) return null;
  return `since ${time(e.time)} (${age(secondsBetween(e.time, evaluatedAt))} before evaluation)`;
}

export function quorumSince(detail) {
  return since(detail.events, detail.status.evaluated_at, 'quorum-lost', ['quorum-lost', 'quorum-regained']);
}

export function memberSince(detail, member) {
  return since(detail.events, detail.status.evaluated_at, 'member-offline', ['member-offline', 'member-online', 'member-state'], member);
}

/** The loud box for a lost, at-risk or unknown quorum; nothing when the quorum is fine. */
export function quorumAlert(detail) {
  const q = detail.status.quorum;
  const level = quorumLevel(q);
  if (level === 'ok') return null;
  if (level === 'lost') {
    const started = quorumSince(detail);
    return h('div', { class: 'alert alert-lost', role: 'alert', 'data-alert': 'quorum-lost' },
      h('strong', null, `DATABASE QUORUM LOST: ${q.voters_online} of ${q.voters} voters alive.`),
      ' ', started ?? 'Since: not in the collector\'s event history.',
      q.unreachable_voters.length ? h('div', null, 'Unreachable voters: ', h('b', null, q.unreachable_voters.join(', ')), '.') : null,
      h('div', null, q.recover_from
        ? ['Recover from: ', h('b', { 'data-recover-from': q.recover_from }, q.recover_from), ' (the highest last raft entry among the members whose agents report), if the others cannot come back.']
        : 'Recover from: unknown (no agent reported a raft position).'),
      h('div', { class: 'why' }, `Judged on: ${q.basis}.`),
      runbook('LxdDatabaseQuorumLost'));
  }
  if (level === 'at-risk') {
    return h('div', { class: 'alert alert-risk', role: 'status', 'data-alert': 'quorum-at-risk' },
      h('strong', null, `Database quorum at risk: ${q.voters_online} of ${q.voters} voters alive; one more failure loses it.`),
      q.unreachable_voters.length ? h('div', null, `Unreachable voters: ${q.unreachable_voters.join(', ')}.`) : null,
      h('div', { class: 'why' }, `Judged on: ${q.basis}.`),
      runbook('LxdDatabaseQuorumAtRisk'));
  }
  return h('div', { class: 'alert alert-unknown', role: 'status', 'data-alert': 'quorum-unknown' },
    h('strong', null, 'Quorum UNKNOWN: no agent of this cluster reports, so the collector cannot judge it (this is not "lost").'),
    h('div', { class: 'why' }, q.basis),
    runbook('LxdScopeAgentDown'));
}

const EVENT_CLASS = {
  'member-offline': 'bad', 'quorum-lost': 'bad', 'agent-silent': 'warn', 'member-state': 'warn',
  'leader-changed': 'warn', 'member-online': 'ok', 'quorum-regained': 'ok', 'agent-back': 'ok',
};

/** The events timeline, newest first, with each event's age at the time of evaluation. */
export function timeline(detail, limit) {
  const events = limit ? detail.events.slice(0, limit) : detail.events;
  if (events.length === 0) {
    return h('p', { class: 'muted' }, 'No events recorded for this cluster.');
  }
  return h('ol', { class: 'timeline' }, events.map(e => h('li', { class: `event event-${EVENT_CLASS[e.kind] ?? 'info'}`, 'data-kind': e.kind },
    h('time', { datetime: e.time }, time(e.time)),
    h('span', { class: 'ago' }, `${age(secondsBetween(e.time, detail.status.evaluated_at))} ago`),
    h('span', { class: 'kind' }, e.kind),
    h('span', { class: 'member' }, e.member ?? ''),
    h('span', { class: 'message' }, e.message))),
    limit && detail.events.length > limit ? h('li', { class: 'more' }, `${detail.events.length - limit} older event(s) on the cluster page.`) : null);
}

/** Warnings the collector derived (quorum lines first), as a list. */
export function warnings(status) {
  if (status.warnings.length === 0) return null;
  return h('ul', { class: 'warnings' }, status.warnings.map(w => h('li', null, w)));
}
