import { createRoot } from 'react-dom/client';
import type { ApiClient } from './api/client.js';
import { App } from './App.js';
import type { Host } from './host/teams-host.js';

/** Renders the tab into #root (loaded by main.tsx while the first data requests are on their way). */
export function mount(host: Host, api: ApiClient): void {
  createRoot(document.getElementById('root')!).render(<App host={host} api={api} />);
}
