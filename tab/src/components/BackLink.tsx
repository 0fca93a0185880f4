import { makeStyles, tokens } from '@fluentui/react-components';
import { ArrowLeftRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import { RouteLink } from '../router.js';

const useStyles = makeStyles({
  back: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
});

/** The arrow link back to `to` above a page heading; left out when printing. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <RouteLink to={to} className={`${styles.back} no-print`}>
      <ArrowLeftRegular aria-hidden="true" /> {children}
    </RouteLink>
  );
}
