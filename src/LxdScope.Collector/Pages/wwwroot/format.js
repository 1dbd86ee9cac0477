// How times and ages read on every page. Unknown is always the word "unknown", never 0 or a dash.

export const UNKNOWN = 'unknown';

/** 11.4s, 3m 05s, 2h 10m, 3d 4h — or "unknown" when the collector does not know. */
export function age(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return UNKNOWN;
  const s = Math.max(0, seconds);
  if (s < 60) return `${s.toFixed(1)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(Math.floor(s % 60)).padStart(2, '0')}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

/** "2026-11-28 05:01:02Z": times are shown in UTC, as the collector and LXD log them. */
export function time(iso) {
  if (!iso) return UNKNOWN;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/** Seconds between two ISO times (b - a), or null. */
export function secondsBetween(a, b) {
  const x = Date.parse(a);
  const y = Date.parse(b);
  return Number.isNaN(x) || Number.isNaN(y) ? null : (y - x) / 1000;
}

/** A value that may be unknown (null): "unknown" rather than an empty cell or 0. */
export function known(value, suffix = '') {
  return value === null || value === undefined ? UNKNOWN : `${value}${suffix}`;
}

/** Milliseconds from seconds, for probe latencies: "0.2 ms". */
export function millis(seconds) {
  if (seconds === null || seconds === undefined) return UNKNOWN;
  const ms = seconds * 1000;
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}

/** 9.3 GiB, 512 MiB. */
export function bytes(n) {
  if (n === null || n === undefined) return UNKNOWN;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v < 10 && i > 0 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}
