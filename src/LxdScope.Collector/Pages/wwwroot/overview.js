// The overview: every cluster the collector knows, its quorum, its members as `lxc cluster list`
// shows them, and what happened lately. Refreshed every few seconds.
import { getJson, clusterUrl, clusterPage } from './api.js';
import { h, replace, table } from './dom.js';
import { age, time } from './format.js';
import { autoRefresh } from './refresh.js';
import { productTag, quorumBadge, quorumSummary, quorumAlert, sourceText, stateBadge, memberSince, timeline, warnings, runbook } from './status.js';

const REFRESH_MS = 5000;
const EVENTS_SHOWN = 8;

function members(detail) {
  const status = detail.status;
  const rows = status.members.map(m => {
    const down = ['OFFLINE', 'UNREACHABLE', 'BLOCKED'].includes(m.state);
    const started = down ? memberSince(detail, m.name) : null;
    return h('tr', { class: down ? 'row-bad' : null, 'data-member': m.name },
      h('td', { class: 'name' }, m.name),
      h('td', null, m.address),
      h('td', null, m.roles.length ? m.roles.map(r => h('div', null, r)) : h('span', { class: 'muted' }, '(none)')),
      h('td', { 'data-state': m.state }, stateBadge(m.state)),
      h('td', null, m.message, started ? h('div', { class: 'since' }, started) : null,
        down ? h('div', null, runbook(m.state === 'BLOCKED' ? 'LxdMemberBlocked' : 'LxdMemberOffline')) : null),
      h('td', { class: 'num' }, m.heartbeat_age_seconds === null ? h('span', { class: 'unknown' }, 'unknown') : `${age(m.heartbeat_age_seconds)} ago`),
      h('td', null, m.agent_id
        ? h('span', { class: m.agent_up ? 'ok-text' : 'bad-text' }, m.agent_up ? 'reporting' : 'SILENT')
        : h('span', { class: 'unknown' }, 'no agent')));
  });
  return table(['NAME', 'URL', 'ROLES', 'STATE', 'MESSAGE', 'HEARTBEAT', 'AGENT'], rows, { class: 'members' });
}

function card(detail) {
  const status = detail.status;
  return h('section', { class: 'cluster', 'data-cluster': status.name },
    h('h2', null, h('a', { href: clusterPage(status.name) }, status.name), ' ', productTag(status), ' ', quorumBadge(status.quorum)),
    h('p', { class: 'summary' }, quorumSummary(status.quorum), '. ',
      h('span', { class: status.source === 'global' ? 'muted' : 'warn-text' }, sourceText(status)),
      h('span', { class: 'muted' }, ` Evaluated at ${time(status.evaluated_at)} (collector clock); offline after ${status.offline_threshold_seconds}s without heartbeat.`)),
    quorumAlert(detail),
    warnings(status),
    members(detail),
    h('h3', null, 'Events'),
    timeline(detail, EVENTS_SHOWN),
    h('p', { class: 'links' }, h('a', { href: clusterPage(status.name) }, 'Raft positions, reachability matrix, agents →'), ' ',
      h('a', { href: `/sql?cluster=${encodeURIComponent(status.name)}` }, 'Query in the SQL console →')));
}

async function load() {
  const list = await getJson('/api/v1/clusters');
  // One cluster failing to load (forgotten between the two requests, say) is shown as such, not dropped.
  const details = await Promise.allSettled(list.map(c => getJson(clusterUrl(c.name))));
  const main = document.getElementById('main');
  if (details.length === 0) {
    replace(main, h('p', { class: 'empty' }, 'No cluster yet: no agent has reported to this collector.'));
    return;
  }
  replace(main, details.map((d, i) => d.status === 'fulfilled' ? card(d.value)
    : h('section', { class: 'cluster', 'data-cluster': list[i].name },
      h('h2', null, list[i].name, ' ', h('span', { class: 'badge quorum-unknown' }, 'NOT LOADED')),
      h('p', { class: 'error' }, d.reason.message))));
}

autoRefresh(load, REFRESH_MS);
