// The tab's start-up script, kept small on purpose: it asks for the first
// page's data at once, while the app itself (React, Fluent UI) is still
// downloading; on the plan it draws the first screen with plain DOM as soon
// as the data is in (first-screen.ts), then hands the data to the app.
import { ApiClient } from './api/client.js';
import { loadedPlan } from './api/loaded-plan.js';
import { chosenOrganisation } from './api/organisation.js';
import { prefetch, prefetched } from './api/prefetch.js';
import type { MeResponse, PlanResponse } from './api/types.js';
import { drawFirstScreen, hasFirstScreen } from './first-screen.js';
import { warmFormats } from './lib/format.js';
import { connectHost, mayBeHosted, type HostTheme } from './host/teams-host.js';
import { pageQuery, parseRoute } from './routes.js';
import './print.css';

/** `?theme=dark|contrast|light` forces a theme outside Teams (for testing and demos). */
function forcedTheme(value: string | null): HostTheme | undefined {
  if (value === 'dark' || value === 'contrast') return value;
  if (value === 'light' || value === 'default') return 'default';
  return undefined;
}

async function start(): Promise<void> {
  // In a frame that may be Teams, fetch the app while teams-js connects; in a plain page, the data requests go first.
  const early = mayBeHosted(window) ? import('./app-root.js') : undefined;
  const params = new URLSearchParams(window.location.search);
  const host = await connectHost(forcedTheme(params.get('theme')));
  // Outside Teams only: `?devUser=email` acts as another demo person; the service honours it in development alone.
  const devUser = host.inTeams ? undefined : params.get('devUser')?.trim() || undefined;
  // The organisation chosen in this session (several organisations only): every call, the prefetches too, says which.
  const org = chosenOrganisation();
  const api = new ApiClient({ getToken: () => host.getToken(), ...(devUser ? { devUser } : {}), ...(org ? { org } : {}) });
  const route = parseRoute(window.location.pathname);
  // Who is signed in first (the header needs it and it is quick), then the plan for the landing page.
  if (route.name !== 'config') prefetch(api, route.name === 'plan' ? ['/me', '/plan'] : ['/me']);
  const query = pageQuery();
  if (route.name === 'plan' && hasFirstScreen(query)) {
    // A macrotask, so the requests above are on the wire first (their headers are awaited); the locale data loads meanwhile.
    setTimeout(warmFormats, 0);
    // The plan's first screen needs only this script and the data: the app is asked for (and compiled) after it is drawn,
    // and starts with the data in, so its first render is the whole page, with no loading state in between.
    const answers = await prefetched(['/me', '/plan']);
    if (answers) {
      const [me, plan] = answers as [MeResponse, PlanResponse];
      drawFirstScreen(document.getElementById('root')!, { me, plan: loadedPlan(plan), theme: host.theme, query });
    }
  }
  (await (early ?? import('./app-root.js'))).mount(host, api);
}

void start();
