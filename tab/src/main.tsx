// The tab's start-up script, kept small on purpose: it asks for the first
// page's data at once, while the app itself (React, Fluent UI) is still
// downloading; on the plan it draws the first screen with plain DOM as soon
// as its small answer is in (first-screen.ts), then hands the data to the app
// once the whole list has come.
import { ApiClient } from './api/client.js';
import { loadedPlan } from './api/loaded-plan.js';
import { chosenOrganisation } from './api/organisation.js';
import { prefetch, prefetched } from './api/prefetch.js';
import type { MeResponse, PlanResponse, PlanStartResponse } from './api/types.js';
import { drawFirstScreen, hasFirstScreen, type DrawnFirstScreen } from './first-screen.js';
import { fromStartAnswer, fromWholeList } from './first-screen-plan.js';
import { connectHost, mayBeHosted, type Host, type HostTheme } from './host/teams-host.js';
import { pageQuery, parseRoute } from './routes.js';
import { isFiltered, viewFromQuery } from './views/plan/plan-view-state.js';
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
  const query = pageQuery();
  const firstScreen = route.name === 'plan' && hasFirstScreen(query);
  // The plain plan's first screen comes from a small answer of its own (GET /api/plan/start), so it is drawn before
  // the whole list has come, however long the plan; a filtered view needs the whole list. Who is signed in first
  // (the header needs it and it is quick); the whole list is asked for at once too, for the app.
  const startPath = firstScreen && !isFiltered(viewFromQuery(query)) ? `/plan/start?group=${viewFromQuery(query).group}` : undefined;
  if (route.name !== 'config') prefetch(api, route.name === 'plan' ? ['/me', ...(startPath ? [startPath] : []), '/plan'] : ['/me']);
  if (firstScreen) {
    const drawn = await drawFirst(host, query, startPath);
    // The app is asked for (and compiled) once the first screen is drawn, and mounted once the whole list is in,
    // so that its first render is the whole page, with no loading state in between.
    const app = early ?? import('./app-root.js');
    const whole = await prefetched(['/plan']);
    if (whole) drawn?.complete(loadedPlan(whole[0] as PlanResponse));
    (await app).mount(host, api);
    return;
  }
  (await (early ?? import('./app-root.js'))).mount(host, api);
}

/** Draws the plan's first screen from the small answer when there is one (else, or should it fail, from the whole list). */
async function drawFirst(host: Host, query: URLSearchParams, startPath: string | undefined): Promise<DrawnFirstScreen | null> {
  const root = document.getElementById('root')!;
  const start = startPath ? await prefetched(['/me', startPath]) : null;
  if (start) {
    const [me, body] = start as [MeResponse, PlanStartResponse];
    return drawFirstScreen(root, { me, plan: fromStartAnswer(body), theme: host.theme, query });
  }
  const answers = await prefetched(['/me', '/plan']);
  if (!answers) return null;
  const [me, body] = answers as [MeResponse, PlanResponse];
  const drawn = drawFirstScreen(root, { me, plan: fromWholeList(loadedPlan(body), query), theme: host.theme, query });
  drawn.complete(loadedPlan(body));
  return drawn;
}

void start();
