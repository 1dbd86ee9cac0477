// One cluster: its quorum and raft positions (whom to recover from), the reachability matrix as
// a picture, its agents and how old their reports are, the events, and ways into the SQL console.
import { getJson, clusterUrl } from './api.js';
import { h, replace, table } from './dom.js';
import { age, time, known, millis, bytes } from './format.js';
import { renderMatrix } from './matrix.js';
import { autoRefresh } from './refresh.js';
import { productTag, quorumBadge, quorumSummary, quorumAlert, sourceText, stateBadge, timeline, warnings, runbook } from './status.js';

const REFRESH_MS = 5000;
const name = decodeURIComponent(location.pathname.replace(/^\/clusters\//, '').replace(/\/$/, ''));
document.title = `LxdScope — ${name}`;

function compareRaft(a, b) {
  return (Number(a.raft_last_term ?? -1) - Number(b.raft_last_term ?? -1)) || (Number(a.raft_last_index ?? -1) - Number(b.raft_last_index ?? -1));
}

function raft(status) {
  const q = status.quorum;
  const reported = status.members.filter(m => m.raft_last_index !== null);
  const newest = reported.length ? reported.reduce((a, b) => compareRaft(a, b) >= 0 ? a : b) : null;
  const rows = status.members.map(m => {
    const recover = q.recover_from === m.name && !q.has_quorum;
    return h('tr', { class: recover ? 'recover' : null, 'data-member': m.name },
      h('td', { class: 'name' }, m.name, q.leader === m.name ? h('div', { class: 'muted' }, 'leader') : null),
      h('td', null, m.database_role ?? h('span', { class: 'unknown' }, 'unknown')),
      h('td', null, stateBadge(m.state)),
      h('td', { class: 'num' }, known(m.raft_term)),
      h('td', { class: 'num' }, known(m.raft_last_index), newest === m ? h('span', { class: 'star', title: 'highest last entry reported' }, ' ▲') : null),
      h('td', { class: 'num' }, known(m.raft_last_term)),
      h('td', { class: 'num' }, m.raft_last_index === null ? h('span', { class: 'unknown' }, 'unknown') : String(m.raft_log_errors)),
      h('td', { class: 'num' }, bytes(m.raft_disk_free_bytes)),
      h('td', null,
        recover ? h('div', { class: 'star', 'data-recover-from': m.name }, '★ recover from this member') : null,
        m.raft_nodes_disagreements.map(d => h('div', { class: 'warn-text' }, d)),
        m.raft_last_index === null ? h('span', { class: 'unknown' }, 'no agent report of its raft files') : null));
  });
  return h('section', { class: 'panel' },
    h('h3', null, 'Database: raft roles and positions'),
    h('p', null, quorumSummary(q), '. ', h('span', { class: 'muted' }, `Judged on: ${q.basis}.`)),
    table(['MEMBER', 'DB ROLE', 'STATE', 'TERM', 'LAST INDEX', 'LAST ENTRY TERM', 'LOG ERRORS', 'DISK FREE', 'NOTES'], rows, { class: 'raft' }),
    h('p', { class: 'hint' }, 'Positions are what each member\'s own agent read from its raft files. When quorum is lost, recover from the member with the highest last entry (term, then index): ',
      runbook('LxdDatabaseQuorumLost')));
}

/** The probe matrix: row = member whose agent probed, column = peer it tried to reach. */
function reachability(status) {
  const names = [...new Set([...status.members.map(m => m.name), ...status.reachability.flatMap(e => [e.from, e.to])])];
  const edges = new Map(status.reachability.map(e => [`${e.from}\u0000${e.to}`, e]));
  const probing = new Set(status.reachability.map(e => e.from));
  const figure = renderMatrix({
    title: `Reachability between the members of ${status.name}`,
    rows: names,
    columns: names,
    rowAxis: 'from',
    columnAxis: 'to',
    legend: [
      { verdict: 'ok', label: 'reachable: TCP connect and TLS handshake with the cluster certificate (TLS time shown)' },
      { verdict: 'warn', label: 'reachable but UNVERIFIED: the agent could not check the cluster certificate' },
      { verdict: 'fail', label: 'NOT reachable (error in the tooltip)' },
      { verdict: 'self', label: 'a member probing itself' },
      { verdict: 'unknown', label: 'unknown: no report from this member\'s agent' },
    ],
    cell: (from, to) => {
      const e = edges.get(`${from}\u0000${to}`);
      if (!e) {
        return { verdict: 'unknown', text: '?', detail: probing.has(from) ? 'this peer was not probed' : `no up agent on ${from}` };
      }
      if (!e.reachable) return { verdict: 'fail', text: '✗ fail', detail: e.error ?? 'unreachable' };
      const text = millis(e.tls_handshake_seconds ?? e.tcp_connect_seconds);
      const detail = `reachable, TCP ${millis(e.tcp_connect_seconds)}, TLS ${millis(e.tls_handshake_seconds)}`;
      if (e.certificate_verified === false) {
        return { verdict: 'warn', text: `⚠ ${text}`, detail: `${detail}, certificate NOT verified: ${e.error ?? 'cluster.crt unreadable'}` };
      }
      return { verdict: from === to ? 'self' : 'ok', text, detail };
    },
  });
  const failures = status.reachability.filter(e => !e.reachable || e.certificate_verified === false);
  return h('section', { class: 'panel' },
    h('h3', null, 'Reachability matrix'),
    h('p', { class: 'hint' }, 'Each row is a member whose agent connected to each column\'s cluster address, in its last report. Only agents that are up count.'),
    figure,
    failures.length
      ? h('ul', { class: 'warnings' }, failures.map(e => h('li', null,
        `${e.from} → ${e.to}: ${e.reachable ? 'reachable but unverified: ' : ''}${e.error ?? (e.reachable ? 'cluster.crt unreadable' : 'unreachable')}`)))
      : null);
}

/** The fan's verdict per pair: row = member whose agent captured and probed, column = peer. */
function fan(matrix) {
  if (!matrix || matrix.cells.length === 0) {
    return h('section', { class: 'panel' },
      h('h3', null, 'Fan network'),
      h('p', { class: 'muted' }, 'No fan data: no agent of this cluster watches a fan (Agent:Fan:Interface and Agent:Fan:Underlay). See docs/fan.md.'));
  }
  const cells = new Map(matrix.cells.map(e => [`${e.from}\u0000${e.to}`, e.peer]));
  const partly = ['arp-ok-icmp-lost', 'mtu-blackhole', 'asymmetric-loss', 'partial-loss', 'intermittent-arp', 'duplicate-replies', 'high-rtt', 'unstable-rtt'];
  const verdictClass = v => v === 'healthy' ? 'ok' : partly.includes(v) ? 'warn' : 'fail';
  const figure = renderMatrix({
    title: `Fan verdicts between the members of ${matrix.cluster}`,
    rows: matrix.members,
    columns: matrix.members,
    rowAxis: 'from',
    columnAxis: 'to',
    legend: [
      { verdict: 'ok', label: 'healthy (mean echo RTT shown)' },
      { verdict: 'warn', label: 'partly broken or degraded: arp-ok-icmp-lost, mtu-blackhole, asymmetric-loss, partial-loss, intermittent-arp, duplicate-replies, high-rtt, unstable-rtt' },
      { verdict: 'fail', label: 'broken: arp-unanswered, wrong-vtep, vni-mismatch, no-vxlan-leaving/arriving' },
      { verdict: 'unknown', label: 'unknown: no fan report for this pair' },
    ],
    cell: (from, to) => {
      const p = cells.get(`${from}\u0000${to}`);
      if (!p) return from === to ? { verdict: 'self', text: '', detail: 'a member and itself' } : null;
      const rtt = p.echo_replies > 0 ? millis(p.rtt_sum_seconds / p.echo_replies) : p.verdict;
      return { verdict: verdictClass(p.verdict), text: p.verdict === 'healthy' ? rtt : p.verdict, detail: [p.verdict, ...p.evidence].join('\n') };
    },
  });
  const bad = matrix.cells.filter(e => e.peer.verdict !== 'healthy');
  return h('section', { class: 'panel', 'data-fan': matrix.cluster },
    h('h3', null, 'Fan network'),
    h('p', { class: 'hint' }, 'Each row is a member whose agent captured the fan\'s VXLAN and pinged each column\'s fan bridge. ', runbook('LxdFanArpUnanswered')),
    figure,
    bad.length ? h('ul', { class: 'warnings' }, bad.map(e => h('li', null, `${e.from} → ${e.to}: ${e.peer.verdict} — ${e.peer.evidence.join('; ')}`))) : null);
}

function agents(status) {
  const rows = status.agents.map(a => {
    const failed = a.collectors.filter(c => !c.success);
    return h('tr', { class: a.up ? null : 'row-bad', 'data-agent': a.agent_id },
      h('td', { class: 'name' }, a.agent_id),
      h('td', null, a.member ?? h('span', { class: 'unknown' }, 'unknown')),
      h('td', null, a.up ? h('span', { class: 'ok-text' }, 'up') : h('span', { class: 'bad-text' }, 'SILENT')),
      h('td', { class: 'num nowrap' }, `${age(a.last_report_age_seconds)} ago`),
      h('td', null, time(a.last_report_at)),
      h('td', { class: 'num' }, String(a.sequence)),
      h('td', { class: 'num' }, `${a.self.interval_seconds}s`),
      h('td', null, failed.length
        ? failed.map(c => h('div', { class: 'bad-text' }, `${c.name}: ${c.error ?? 'failed'}`))
        : h('span', { class: 'muted' }, `${a.collectors.length} ok`)),
      h('td', null, a.self.version));
  });
  const silent = status.agents.filter(a => !a.up);
  return h('section', { class: 'panel' },
    h('h3', null, 'Agents'),
    table(['AGENT', 'MEMBER', 'STATUS', 'LAST REPORT', 'AT', 'SEQ', 'INTERVAL', 'COLLECTORS', 'VERSION'], rows, { class: 'agents' }),
    silent.length ? h('p', null, 'An agent is silent after three of its intervals without a report. ', runbook('LxdScopeAgentDown')) : null);
}

function sqlLinks(status) {
  const link = (database, query, label) => h('li', null, h('a', {
    href: `/sql?${new URLSearchParams({ cluster: status.name, database, query, run: '1' })}`,
  }, label));
  return h('section', { class: 'panel' },
    h('h3', null, 'SQL console'),
    h('ul', null,
      h('li', null, h('a', { href: `/sql?${new URLSearchParams({ cluster: status.name })}` }, `Open the console on ${status.name}`)),
      link('global', 'select id, name, address, heartbeat, state from nodes order by name', 'Members as the cluster database recorded them (nodes)'),
      link('local', 'select * from raft_nodes order by id', 'Each member\'s raft_nodes (local database, every member)')));
}

function render(detail, fanMatrix) {
  const status = detail.status;
  replace(document.getElementById('main'),
    h('h1', { 'data-cluster': status.name }, status.name, ' ', productTag(status), ' ', quorumBadge(status.quorum)),
    h('p', { class: 'summary' },
      h('span', { class: status.source === 'global' ? 'muted' : 'warn-text' }, sourceText(status)),
      h('span', { class: 'muted' }, ` Evaluated at ${time(status.evaluated_at)} (collector clock).`)),
    quorumAlert(detail),
    warnings(status),
    raft(status),
    h('div', { class: 'grid2' }, reachability(status), h('div', null, agents(status), sqlLinks(status))),
    fan(fanMatrix),
    h('section', { class: 'panel' }, h('h3', null, 'Events'), timeline(detail)));
}

autoRefresh(async () => {
  const [detail, fanMatrix] = await Promise.all([getJson(clusterUrl(name)), getJson(`${clusterUrl(name)}/fan`)]);
  render(detail, fanMatrix);
}, REFRESH_MS);
