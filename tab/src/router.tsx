import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import { markNavigated } from './components/PageHeading.js';

/** Where the tab is served; every route lives under it. */
export const BASE = '/tab';

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
  | { name: 'notFound' };

/** Query parameters that survive navigation (development identity, forced theme). */
const STICKY = ['devUser', 'theme'];

/** Reads a path below /tab into a route. */
export function parseRoute(pathname: string): Route {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const clean = path.replace(/\/+$/, '') || '/';
  if (clean === '/' || clean === '/index.html') return { name: 'plan' };
  if (clean === '/my') return { name: 'my' };
  if (clean === '/since') return { name: 'since' };
  if (clean === '/config') return { name: 'config' };
  if (clean === '/indicators') return { name: 'indicators' };
  if (clean === '/indicators/model-employer') return { name: 'modelEmployer' };
  const indicator = /^\/indicators\/([1-9])$/.exec(clean);
  if (indicator) return { name: 'indicator', n: Number(indicator[1]) };
  const action = /^\/actions\/([^/]+)$/.exec(clean);
  if (action) return { name: 'action', id: decodeURIComponent(action[1]!) };
  return { name: 'notFound' };
}

/** `to` (e.g. "/actions/12") as a full URL path, keeping the sticky query parameters. */
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

const listeners = new Set<() => void>();

/** Moves to `to` without reloading; scrolls to the top like a page load would. */
export function navigate(to: string): void {
  window.history.pushState(null, '', href(to));
  markNavigated();
  window.scrollTo(0, 0);
  for (const l of listeners) l();
}

/** The current route, re-rendering on navigation and on the browser's Back and Forward. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.pathname));
    const onPop = () => {
      markNavigated();
      update();
    };
    listeners.add(update);
    window.addEventListener('popstate', onPop);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', onPop);
    };
  }, []);
  return route;
}

const useLinkStyles = makeStyles({
  link: {
    color: tokens.colorBrandForegroundLink,
    textDecorationLine: 'none',
    borderRadius: tokens.borderRadiusSmall,
    ':hover': { color: tokens.colorBrandForegroundLinkHover, textDecorationLine: 'underline' },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '1px',
      textDecorationLine: 'underline',
    },
  },
});

/**
 * A link that navigates inside the tab; modified clicks (new tab, etc.)
 * behave as usual. A plain anchor with Fluent link styling: the plan shows
 * hundreds of these at once.
 */
export function RouteLink({ to, className, children }: { to: string; className?: string; children: ReactNode }) {
  const styles = useLinkStyles();
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={href(to)} onClick={onClick} className={mergeClasses(styles.link, className)}>
      {children}
    </a>
  );
}
