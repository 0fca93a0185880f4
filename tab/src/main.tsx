// The tab's start-up script, kept small on purpose: it asks for the first
// page's data at once, while the app itself (React, Fluent UI) is still
// downloading, then hands both to the app.
import { ApiClient } from './api/client.js';
import { prefetch } from './api/prefetch.js';
import { connectHost, type HostTheme } from './host/teams-host.js';
import { parseRoute } from './routes.js';
import './print.css';

/** `?theme=dark|contrast|light` forces a theme outside Teams (for testing and demos). */
function forcedTheme(value: string | null): HostTheme | undefined {
  if (value === 'dark' || value === 'contrast') return value;
  if (value === 'light' || value === 'default') return 'default';
  return undefined;
}

async function start(): Promise<void> {
  const app = import('./app-root.js');
  const params = new URLSearchParams(window.location.search);
  const host = await connectHost(forcedTheme(params.get('theme')));
  // Outside Teams only: `?devUser=email` acts as another demo person; the service honours it in development alone.
  const devUser = host.inTeams ? undefined : params.get('devUser')?.trim() || undefined;
  const api = new ApiClient({ getToken: () => host.getToken(), ...(devUser ? { devUser } : {}) });
  const route = parseRoute(window.location.pathname);
  // Who is signed in first (the header needs it and it is quick), then the plan for the landing page.
  if (route.name !== 'config') prefetch(api, route.name === 'plan' ? ['/me', '/plan'] : ['/me']);
  (await app).mount(host, api);
}

void start();
