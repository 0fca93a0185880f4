/**
 * The tab's addresses, free of React so the start-up script can read them
 * before the app is loaded: the route of a path, links that keep the sticky
 * query parameters, and the plan's last filtered address.
 */

/** Where the tab is served; every route lives under it. */
const BASE = '/tab';

/** The routes of the tab. */
export type Route =
  | { name: 'plan' }
  | { name: 'action'; id: string }
  | { name: 'my' }
  | { name: 'since' }
  | { name: 'config' }
  | { name: 'indicators' }
  | { name: 'indicator'; n: number }
  | { name: 'modelEmployer' }
  | { name: 'reassign' }
  | { name: 'carryOver' }
  | { name: 'rollup' }
  | { name: 'admin' }
  | { name: 'notFound' };

/** Query parameters that survive navigation (development identity, forced theme). */
const STICKY = ['devUser', 'theme'] as const;

/** Reads a path below /tab into a route. */
export function parseRoute(pathname: string): Route {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const clean = path.replace(/\/+$/, '') || '/';
  if (clean === '/' || clean === '/index.html') return { name: 'plan' };
  if (clean === '/my') return { name: 'my' };
  if (clean === '/since') return { name: 'since' };
  if (clean === '/config') return { name: 'config' };
  if (clean === '/indicators') return { name: 'indicators' };
  if (clean === '/reassign') return { name: 'reassign' };
  if (clean === '/carry-over') return { name: 'carryOver' };
  if (clean === '/rollup') return { name: 'rollup' };
  if (clean === '/admin') return { name: 'admin' };
  if (clean === '/indicators/model-employer') return { name: 'modelEmployer' };
  const indicator = /^\/indicators\/([1-9])$/.exec(clean);
  if (indicator) return { name: 'indicator', n: Number(indicator[1]) };
  const action = /^\/actions\/([^/]+)$/.exec(clean);
  if (action) return { name: 'action', id: decodeURIComponent(action[1]!) };
  return { name: 'notFound' };
}

/** `to` (e.g. "/actions/12" or "/?rag=Red") as a full URL path, keeping the sticky query parameters. */
export function href(to: string): string {
  const current = new URLSearchParams(window.location.search);
  const kept = new URLSearchParams();
  for (const key of STICKY) {
    const v = current.get(key);
    if (v) kept.set(key, v);
  }
  const query = kept.toString();
  return BASE + to + (query ? (to.includes('?') ? '&' : '?') + query : '');
}

/** The query string of the current address without the sticky parameters (what the page itself keeps there). */
export function pageQuery(search = window.location.search): URLSearchParams {
  const params = new URLSearchParams(search);
  for (const key of STICKY) params.delete(key);
  return params;
}

let lastPlanQuery = '';

/** Remembers the plan's filters whenever the plan is shown, so "Plan" and "Back to the plan" return to the same view. */
export function rememberPlanQuery(): void {
  if (parseRoute(window.location.pathname).name === 'plan') lastPlanQuery = pageQuery().toString();
}

/** The plan as the user last filtered it. */
export function planPath(): string {
  return lastPlanQuery ? `/?${lastPlanQuery}` : '/';
}
