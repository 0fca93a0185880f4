import type { app as teamsApp } from '@microsoft/teams-js';

/** The theme names Teams reports, plus what `?theme=` may force outside Teams. */
export type HostTheme = 'default' | 'dark' | 'contrast';

/** What the page knows about where it runs. `getContext()` data is a hint only, never used to authorise. */
export interface Host {
  /** True once `app.initialize()` succeeded: the page runs inside Teams (or another Microsoft 365 host). */
  inTeams: boolean;
  theme: HostTheme;
  /** Calls `handler` whenever the user switches the Teams theme. */
  onThemeChange(handler: (theme: HostTheme) => void): void;
  /** A Teams SSO token for the API, or null outside Teams. Cached briefly, refreshed before it expires. */
  getToken(): Promise<string | null>;
  /** What Teams says the page is (e.g. 'content', 'settings'); a hint only. */
  frameContext?: string;
}

/** Gives up waiting for a host that never answers (e.g. an iframe that is not Teams). */
const INIT_TIMEOUT_MS = 4000;
/** A token is reused for at most this long, and never within two minutes of expiry. */
const TOKEN_REUSE_MS = 5 * 60_000;

/** Maps a Teams theme name to ours; unknown names read as the default (light) theme. */
function toHostTheme(name: string | null | undefined): HostTheme {
  return name === 'dark' || name === 'contrast' ? name : 'default';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The Teams host did not answer')), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Reads `exp` (seconds) from a JWT without trusting it: only to decide when to ask Teams again. */
function tokenExpiry(token: string): number {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : 0;
  } catch {
    return 0;
  }
}

/**
 * Whether a Microsoft 365 host could be talking to this page: a parent frame
 * or opener (Teams web and desktop), or the native bridge (Teams mobile).
 * Mirrors the check `app.initialize()` makes before it rejects.
 */
export function mayBeHosted(win: Window): boolean {
  return win.parent !== win || !!win.opener || 'nativeInterface' in win;
}

/**
 * Connects to Teams. Outside Teams `app.initialize()` rejects at once in a
 * top-level page (and is cut short after a few seconds anywhere else): the
 * page then runs with the development identity and the forced or default theme.
 */
export async function connectHost(forcedTheme?: HostTheme): Promise<Host> {
  const outside: Host = {
    inTeams: false,
    theme: forcedTheme ?? 'default',
    onThemeChange: () => undefined,
    getToken: () => Promise.resolve(null),
  };
  // A top-level browser page: teams-js would reject at once; skip loading it (and its CDN look-up) altogether.
  if (!mayBeHosted(window)) return outside;
  const { app, authentication } = await import('@microsoft/teams-js');
  try {
    await withTimeout(app.initialize(), INIT_TIMEOUT_MS);
  } catch {
    return outside;
  }
  let context: teamsApp.Context | undefined;
  try {
    context = await withTimeout(app.getContext(), INIT_TIMEOUT_MS);
  } catch {
    context = undefined;
  }
  let cached: { token: Promise<string>; reuseUntil: number } | undefined;
  return {
    inTeams: true,
    theme: forcedTheme ?? toHostTheme(context?.app.theme),
    ...(context?.page.frameContext ? { frameContext: context.page.frameContext } : {}),
    onThemeChange(handler) {
      app.registerOnThemeChangeHandler((name) => handler(toHostTheme(name)));
    },
    getToken() {
      if (cached && Date.now() < cached.reuseUntil) return cached.token;
      // Calls made together share one request to Teams; a failure is not kept.
      const token = authentication.getAuthToken();
      const entry = { token, reuseUntil: Date.now() + TOKEN_REUSE_MS };
      cached = entry;
      token.then(
        (t) => {
          entry.reuseUntil = Math.min(entry.reuseUntil, tokenExpiry(t) - 2 * 60_000);
        },
        () => {
          if (cached === entry) cached = undefined;
        },
      );
      return token;
    },
  };
}

/** Tells Teams the app has loaded (hides the host's loading indicator). Safe to call outside Teams. */
export function notifyLoaded(host: Host): void {
  if (!host.inTeams) return;
  void import('@microsoft/teams-js').then(({ app }) => {
    app.notifyAppLoaded();
    app.notifySuccess().catch(() => undefined);
  });
}
