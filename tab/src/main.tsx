import { createRoot } from 'react-dom/client';
import { ApiClient } from './api/client.js';
import { prefetch } from './api/prefetch.js';
import { App } from './App.js';
import { connectHost, type HostTheme } from './host/teams-host.js';
import { parseRoute } from './router.js';
import './print.css';

/** `?theme=dark|contrast|light` forces a theme outside Teams (for testing and demos). */
function forcedTheme(value: string | null): HostTheme | undefined {
  if (value === 'dark' || value === 'contrast') return value;
  if (value === 'light' || value === 'default') return 'default';
  return undefined;
}

async function start(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const host = await connectHost(forcedTheme(params.get('theme')));
  // Outside Teams only: `?devUser=email` acts as another demo person; the service honours it in development alone.
  const devUser = host.inTeams ? undefined : params.get('devUser')?.trim() || undefined;
  const api = new ApiClient({ getToken: () => host.getToken(), ...(devUser ? { devUser } : {}) });
  // The plan is the landing page: ask for it at once rather than after sign-in is shown.
  if (parseRoute(window.location.pathname).name === 'plan') prefetch(api, ['/plan']);
  createRoot(document.getElementById('root')!).render(<App host={host} api={api} />);
}

void start();
