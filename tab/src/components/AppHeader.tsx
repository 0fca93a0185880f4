import { Button, MessageBar, MessageBarBody, MessageBarTitle, Select, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { switchOrganisation } from '../api/organisation.js';
import { useApp } from '../app-context.js';
import { ROLE_LABELS, ROLLUP_SECTION, SECTIONS } from '../lib/sections.js';
import { href, navigate, RouteLink, type Route } from '../router.js';
import { NARROW } from './table-styles.js';
import { useState, type MouseEvent } from 'react';

const useStyles = makeStyles({
  header: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  // Wide: brand, sections, then the organisation above the person on the right. Narrow: brand and person above, then the
  // organisation across the screen (a long name in a half-width list hid its code and pushed over the brand), then the sections.
  bar: {
    maxWidth: '1400px',
    margin: '0 auto',
    padding: `0 ${tokens.spacingHorizontalXL}`,
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr) max-content',
    gridTemplateAreas: '"brand nav person"',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalXL,
    [NARROW]: {
      padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} 0`,
      gridTemplateColumns: 'minmax(0, 1fr) minmax(0, max-content)',
      gridTemplateAreas: '"brand person" "org org" "nav nav"',
      columnGap: tokens.spacingHorizontalM,
    },
  },
  brand: { gridArea: 'brand', fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  nav: { gridArea: 'nav', minWidth: 0 },
  list: { display: 'flex', gap: tokens.spacingHorizontalXS, listStyleType: 'none', margin: 0, padding: 0, [NARROW]: { gap: 0 } },
  long: { [NARROW]: { display: 'none' } },
  short: { display: 'none', [NARROW]: { display: 'inline' } },
  link: {
    display: 'inline-block',
    whiteSpace: 'nowrap',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    [NARROW]: { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}` },
    color: tokens.colorNeutralForeground2,
    textDecorationLine: 'none',
    borderBottom: `${tokens.strokeWidthThicker} solid transparent`,
    ':hover': { color: tokens.colorNeutralForeground1, borderBottomColor: tokens.colorNeutralStroke1 },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  current: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    borderBottomColor: tokens.colorCompoundBrandStroke,
  },
  org: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'flex-end',
    gap: tokens.spacingHorizontalXS,
    flexWrap: 'wrap',
    [NARROW]: { gridArea: 'org', justifyContent: 'flex-start', paddingTop: tokens.spacingVerticalXS },
  },
  // On a phone the list takes the row below its label and the Open button, wide enough for a trust's full name and code.
  orgSelect: { maxWidth: '100%', minWidth: 0, [NARROW]: { order: 1, flexBasis: '100%' } },
  orgOpen: { [NARROW]: { marginLeft: 'auto' } },
  // The organisation and the person share the right-hand cell when wide; on a phone each takes its own place in the grid.
  side: {
    gridArea: 'person',
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    textAlign: 'right',
    overflowWrap: 'anywhere',
    [NARROW]: { display: 'contents' },
  },
  person: { [NARROW]: { gridArea: 'person' } },
  banner: {
    maxWidth: '1400px',
    margin: `${tokens.spacingVerticalS} auto 0`,
    padding: `0 ${tokens.spacingHorizontalXL}`,
    [NARROW]: { padding: `0 ${tokens.spacingHorizontalM}` },
  },
  skip: {
    position: 'absolute',
    left: '-10000px',
    ':focus': {
      left: tokens.spacingHorizontalS,
      top: tokens.spacingVerticalS,
      zIndex: 10,
      backgroundColor: tokens.colorNeutralBackground1,
      padding: tokens.spacingHorizontalS,
    },
  },
});

/** The tab's banner: navigation (with the roll-up for a group's viewers), who is signed in, and the development-identity warning. */
export function AppHeader({ route, showRollup = false }: { route: Route; showRollup?: boolean }) {
  const styles = useStyles();
  const { me } = useApp();
  const go = (to: string) => (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <header className={mergeClasses(styles.header, 'no-print')}>
      <a className={styles.skip} href="#main">
        Skip to content
      </a>
      <div className={styles.bar}>
        <span className={styles.brand}>WRES action plan</span>
        <nav className={styles.nav} aria-label="Sections">
          <ul className={styles.list}>
            {(showRollup ? [...SECTIONS, ROLLUP_SECTION] : SECTIONS).map((s) => {
              const current = s.route.includes(route.name);
              const to = s.to();
              return (
                <li key={s.label}>
                  <a
                    className={mergeClasses(styles.link, current && styles.current)}
                    href={href(to)}
                    onClick={go(to)}
                    aria-current={current ? 'page' : undefined}
                  >
                    {s.short ? (
                      <>
                        <span className={styles.long}>{s.label}</span>
                        <span className={styles.short}>{s.short}</span>
                      </>
                    ) : (
                      s.label
                    )}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className={styles.side}>
          <OrganisationSwitch />
          <div className={styles.person}>
            <bdi>{me.displayName}</bdi> · {ROLE_LABELS[me.role]}
            {me.platformAdmin && (
              <>
                {' · '}
                <RouteLink to="/admin">Admin</RouteLink>
              </>
            )}
          </div>
        </div>
      </div>
      {me.devIdentity && (
        <div className={styles.banner}>
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>
                Development identity: <bdi>{me.displayName}</bdi>
                {me.email ? ` (${me.email})` : ''}
              </MessageBarTitle>
              Sign-in is off because no Entra app is configured. Do not use this set-up with real data.
            </MessageBarBody>
          </MessageBar>
        </div>
      )}
    </header>
  );
}

/**
 * The organisation the tab shows (registered organisations only): its name,
 * or for a person in several a labelled select and an Open button (choosing
 * alone never reloads the page, so arrow keys can browse the list).
 */
function OrganisationSwitch() {
  const styles = useStyles();
  const { me } = useApp();
  const current = me.organisation;
  const [picked, setPicked] = useState(current?.id ?? '');
  if (!current) return null;
  const others = me.organisations ?? [];
  if (others.length < 2) return <div className={styles.org}>{`${current.name} (${current.id})`}</div>;
  return (
    <form
      className={styles.org}
      onSubmit={(e) => {
        e.preventDefault();
        if (picked !== current.id) switchOrganisation(picked, href('/'));
      }}
    >
      <label htmlFor="organisation-switch">Organisation</label>
      <Select id="organisation-switch" size="small" className={styles.orgSelect} value={picked} onChange={(_, d) => setPicked(d.value)}>
        {others.map((o) => (
          <option key={o.id} value={o.id}>{`${o.name} (${o.id})`}</option>
        ))}
      </Select>
      <Button size="small" type="submit" className={styles.orgOpen} disabled={picked === current.id}>
        Open
      </Button>
    </form>
  );
}
