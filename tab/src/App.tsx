import {
  FluentProvider,
  makeStyles,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  tokens,
  type Theme,
} from '@fluentui/react-components';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, type ApiClient } from './api/client.js';
import { getOnce, takeAnswered } from './api/prefetch.js';
import type { GroupListItem, GroupsResponse, MeResponse } from './api/types.js';
import { AppServicesProvider, type AppServices } from './app-context.js';
import { AppHeader } from './components/AppHeader.js';
import { OrganisationChooser } from './components/OrganisationChooser.js';
import { organisationChoice } from './api/organisation.js';
import { PageErrorBoundary } from './components/PageErrorBoundary.js';
import { NARROW } from './components/table-styles.js';
import { LoadError, Loading } from './components/Status.js';
import { notifyLoaded, type Host, type HostTheme } from './host/teams-host.js';
import { useLocation, type Route } from './router.js';
import { setTimeZone } from './lib/format.js';
import { PlanPage } from './views/plan/PlanPage.js';

const ActionPage = lazy(() => import('./views/action/ActionPage.js'));
const MyActionsPage = lazy(() => import('./views/my/MyActionsPage.js'));
const SincePage = lazy(() => import('./views/since/SincePage.js'));
const ConfigPage = lazy(() => import('./views/config/ConfigPage.js'));
const NotFoundPage = lazy(() => import('./views/NotFoundPage.js'));
const IndicatorsPage = lazy(() => import('./views/indicators/IndicatorsPage.js'));
const IndicatorPage = lazy(() => import('./views/indicators/IndicatorPage.js'));
const ModelEmployerPage = lazy(() => import('./views/indicators/ModelEmployerPage.js'));
const ReassignAllPage = lazy(() => import('./views/reassign/ReassignAllPage.js'));
const CarryOverPage = lazy(() => import('./views/carry-over/CarryOverPage.js'));
const RollupPage = lazy(() => import('./views/rollup/RollupPage.js'));
const AdminPage = lazy(() => import('./views/admin/AdminPage.js'));

const THEMES: Record<HostTheme, Theme> = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
  },
  main: {
    maxWidth: '1400px',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL} ${tokens.spacingVerticalXXXL}`,
    [NARROW]: { padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalXXL}` },
    ':focus': { outline: 'none' },
  },
  live: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
});

function page(
  route: Route,
  query: URLSearchParams,
  host: Host,
  api: ApiClient,
  groups: GroupListItem[] | null,
  announce: (message: string) => void,
) {
  switch (route.name) {
    case 'plan':
      return <PlanPage query={query} />;
    case 'action':
      return <ActionPage id={route.id} />;
    case 'my':
      return <MyActionsPage />;
    case 'since':
      return <SincePage query={query} />;
    case 'config':
      return <ConfigPage host={host} />;
    case 'indicators':
      return <IndicatorsPage />;
    case 'indicator':
      return <IndicatorPage key={route.n} n={route.n} />;
    case 'modelEmployer':
      return <ModelEmployerPage />;
    case 'reassign':
      return <ReassignAllPage query={query} />;
    case 'carryOver':
      return <CarryOverPage />;
    case 'rollup':
      return groups ? <RollupPage api={api} groups={groups} announce={announce} /> : <Loading label="Loading…" />;
    case 'admin':
      return <AdminPage api={api} />;
    case 'notFound':
      return <NotFoundPage />;
  }
}

/** The tab: theme from Teams (live), the signed-in person, navigation and the current page. */
export function App({ host, api }: { host: Host; api: ApiClient }) {
  const styles = useStyles();
  const { route, query } = useLocation();
  const [theme, setTheme] = useState<HostTheme>(host.theme);
  // Already answered when the start-up script waited for it (the plan's first screen): no "Signing you in…" in between.
  const [answeredMe] = useState(() => {
    const answer = takeAnswered<MeResponse>('/me');
    if (answer) setTimeZone(answer.timeZone);
    return answer ?? null;
  });
  const [me, setMe] = useState<MeResponse | null>(answeredMe);
  const [meError, setMeError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');
  // The ICB and region roll-ups this person may read; asked for apart from /me, which refuses people of no organisation.
  const [groups, setGroups] = useState<GroupListItem[] | null>(null);

  useEffect(() => host.onThemeChange(setTheme), [host]);
  const loadMe = useCallback(() => {
    setMeError(null);
    getOnce<MeResponse>(api, '/me').then((answer) => {
      // Times and "today" read in the organisation's zone, whatever the device's.
      setTimeZone(answer.timeZone);
      setMe(answer);
    }, setMeError);
  }, [api]);
  const isConfig = route.name === 'config';
  useEffect(() => {
    if (!isConfig && !answeredMe) loadMe();
  }, [isConfig, answeredMe, loadMe]);
  useEffect(() => notifyLoaded(host), [host]);
  useEffect(() => {
    if (isConfig) return;
    api.get<GroupsResponse>('/groups').then(
      (answer) => setGroups(answer.groups),
      () => setGroups([]),
    );
  }, [api, isConfig]);

  const announce = useCallback((message: string) => {
    // Clearing first makes a repeated message be read again.
    setAnnouncement('');
    window.setTimeout(() => setAnnouncement(message), 50);
  }, []);
  const services = useMemo<AppServices | null>(() => (me ? { api, host, me, announce } : null), [api, host, me, announce]);

  // Someone who views a group's roll-up but belongs to no organisation: /me refuses them, the roll-up is theirs to see.
  const refused = meError instanceof ApiError && meError.status === 403;
  const choice = organisationChoice(meError);
  const inNoOrganisation = refused && (!choice || choice.organisations.length === 0);
  let body;
  if (route.name === 'config') body = page(route, query, host, api, groups, announce);
  // The admin page needs no organisation: a platform admin may belong to none.
  else if (route.name === 'admin' && meError) body = <AdminPage api={api} />;
  else if (inNoOrganisation && groups === null) body = <Loading label="Signing you in…" />;
  else if (inNoOrganisation && groups && groups.length > 0) body = <RollupPage api={api} groups={groups} announce={announce} />;
  else if (choice) body = <OrganisationChooser choice={choice} {...(refused ? { refusal: meError.message } : {})} />;
  else if (meError) body = <LoadError error={meError} what="your sign-in" onRetry={loadMe} />;
  else if (!services) body = <Loading label="Signing you in…" />;
  else body = page(route, query, host, api, groups, announce);

  return (
    <FluentProvider theme={THEMES[theme]} className={styles.root} data-theme={theme}>
      {services ? (
        <AppServicesProvider value={services}>
          {route.name !== 'config' && <AppHeader route={route} showRollup={(groups?.length ?? 0) > 0} />}
          <main id="main" className={styles.main} tabIndex={-1}>
            <PageErrorBoundary key={route.name === 'action' ? `action-${route.id}` : route.name}>
              <Suspense fallback={<Loading label="Loading…" />}>{body}</Suspense>
            </PageErrorBoundary>
          </main>
        </AppServicesProvider>
      ) : (
        <main id="main" className={styles.main} tabIndex={-1}>
          <PageErrorBoundary key={route.name === 'action' ? `action-${route.id}` : route.name}>
            <Suspense fallback={<Loading label="Loading…" />}>{body}</Suspense>
          </PageErrorBoundary>
        </main>
      )}
      <div className={styles.live} role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </FluentProvider>
  );
}
