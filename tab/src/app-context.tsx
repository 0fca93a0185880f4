import { createContext, useContext } from 'react';
import type { ApiClient } from './api/client.js';
import type { MeResponse } from './api/types.js';
import type { Host } from './host/teams-host.js';

/** What every view can reach: the API, the host and the signed-in person. */
export interface AppServices {
  api: ApiClient;
  host: Host;
  me: MeResponse;
  /** Says `message` to screen-reader users through the page's polite live region. */
  announce(message: string): void;
}

const AppContext = createContext<AppServices | null>(null);

/** Provides the services to the views. */
export const AppServicesProvider = AppContext.Provider;

/** The app's services; throws when used outside the provider (a programming error). */
export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useApp() needs <AppServicesProvider>');
  return services;
}
