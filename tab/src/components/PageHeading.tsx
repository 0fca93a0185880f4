import { makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, type ReactNode } from 'react';

const useStyles = makeStyles({
  heading: {
    margin: `${tokens.spacingVerticalS} 0 ${tokens.spacingVerticalXS}`,
    fontSize: tokens.fontSizeBase600,
    lineHeight: tokens.lineHeightBase600,
    fontWeight: tokens.fontWeightSemibold,
    ':focus': { outline: 'none' },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
});

let navigated = false;
/** Marks that the next page heading should take focus (set on in-app navigation, not on first load). */
export function markNavigated(): void {
  navigated = true;
}

/** The page's one h1. After in-app navigation it takes focus, so screen readers announce the new page. */
export function PageHeading({ children }: { children: ReactNode }) {
  const styles = useStyles();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (navigated) {
      navigated = false;
      ref.current?.focus();
    }
  }, []);
  return (
    <h1 ref={ref} className={styles.heading} tabIndex={-1}>
      {children}
    </h1>
  );
}
