// Auto-refresh with the age of what is on screen always visible: "updated 3.2s ago", and when
// the collector stops answering, a loud banner saying since when the page shows old data.
import { ApiError } from './api.js';
import { h, replace } from './dom.js';
import { age } from './format.js';
import { askForToken } from './token.js';

/**
 * Calls load() now and every intervalMs; load() fetches and renders, and throws on failure.
 * The element #freshness shows the age of the last successful load.
 */
export function autoRefresh(load, intervalMs) {
  const freshness = document.getElementById('freshness');
  const banner = document.getElementById('banner');
  let lastOk = null;
  let failure = null;
  let running = false;

  const show = () => {
    const seconds = lastOk === null ? null : (Date.now() - lastOk) / 1000;
    freshness.dataset.state = failure ? 'stale' : lastOk === null ? 'loading' : 'fresh';
    freshness.textContent = lastOk === null
      ? (failure ? 'no data' : 'loading…')
      : `updated ${age(seconds)} ago · every ${intervalMs / 1000}s`;
    if (failure) {
      replace(banner, h('strong', null, 'The last refresh failed: '), failure.message,
        lastOk === null ? ' Nothing could be loaded.' : ` The data below is ${age(seconds)} old.`);
      banner.hidden = false;
    } else {
      banner.hidden = true;
    }
  };

  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await load();
      lastOk = Date.now();
      failure = null;
    } catch (e) {
      failure = e instanceof Error ? e : new Error(String(e));
      // Viewers are configured and this tab has no (valid) token: ask for one, then load at once.
      if (e instanceof ApiError && e.status === 401) askForToken(e.message, tick);
    } finally {
      running = false;
      show();
    }
  };

  tick();
  setInterval(tick, intervalMs);
  setInterval(show, 1000);
}
