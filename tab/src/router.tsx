import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import { markNavigated } from './components/PageHeading.js';
import { href, pageQuery, parseRoute, rememberPlanQuery, type Route } from './routes.js';

export { href, planPath, type Route } from './routes.js';

const listeners = new Set<() => void>();

/**
 * Moves to `to` without reloading and scrolls to the top like a page load
 * would. With `replace` the current history entry is rewritten instead (for
 * changes such as typing in a search box, which should not fill Back).
 */
export function navigate(to: string, options: { replace?: boolean; keepScroll?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', href(to));
  else window.history.pushState(null, '', href(to));
  rememberPlanQuery();
  if (!options.keepScroll) {
    markNavigated();
    window.scrollTo(0, 0);
  }
  for (const l of listeners) l();
}

/** Where the tab is: its route and the page's own query parameters (filters), following navigation and Back/Forward. */
export interface Location {
  route: Route;
  query: URLSearchParams;
}

function readLocation(): Location {
  return { route: parseRoute(window.location.pathname), query: pageQuery() };
}

/** The current location, re-rendering on navigation and on the browser's Back and Forward. */
export function useLocation(): Location {
  const [location, setLocation] = useState(readLocation);
  useEffect(() => {
    rememberPlanQuery();
    const update = () => setLocation(readLocation());
    const onPop = () => {
      markNavigated();
      rememberPlanQuery();
      update();
    };
    listeners.add(update);
    window.addEventListener('popstate', onPop);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', onPop);
    };
  }, []);
  return location;
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
