import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useApp } from '../app-context.js';
import { href, navigate, type Route } from '../router.js';
import type { MouseEvent } from 'react';

const useStyles = makeStyles({
  header: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  bar: {
    maxWidth: '1400px',
    margin: '0 auto',
    padding: `0 ${tokens.spacingHorizontalXL}`,
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalXL,
  },
  brand: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  nav: { flexGrow: 1 },
  list: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, listStyleType: 'none', margin: 0, padding: 0 },
  link: {
    display: 'inline-block',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
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
  person: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  banner: { maxWidth: '1400px', margin: `${tokens.spacingVerticalS} auto 0`, padding: `0 ${tokens.spacingHorizontalXL}` },
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

const SECTIONS: { to: string; label: string; route: Route['name'][] }[] = [
  { to: '/', label: 'Plan', route: ['plan', 'action'] },
  { to: '/my', label: 'My actions', route: ['my'] },
  { to: '/since', label: 'Since the last board', route: ['since'] },
  { to: '/indicators', label: 'Indicators', route: ['indicators', 'indicator', 'modelEmployer'] },
];

const ROLE_LABELS = { lead: 'E&D lead', owner: 'Action owner', viewer: 'Viewer' } as const;

/** The tab's banner: navigation, who is signed in, and the development-identity warning. */
export function AppHeader({ route }: { route: Route }) {
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
            {SECTIONS.map((s) => {
              const current = s.route.includes(route.name);
              return (
                <li key={s.to}>
                  <a
                    className={mergeClasses(styles.link, current && styles.current)}
                    href={href(s.to)}
                    onClick={go(s.to)}
                    aria-current={current ? 'page' : undefined}
                  >
                    {s.label}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
        <span className={styles.person}>
          {me.displayName} · {ROLE_LABELS[me.role]}
        </span>
      </div>
      {me.devIdentity && (
        <div className={styles.banner}>
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>
                Development identity: {me.displayName}
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
