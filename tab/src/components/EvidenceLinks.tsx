import { makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import { isEvidenceLink, linkLabel } from '../lib/domain.js';

const useStyles = makeStyles({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    margin: `${tokens.spacingVerticalXS} 0 0`,
    fontSize: tokens.fontSizeBase200,
  },
  label: { color: tokens.colorNeutralForeground2 },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`,
    minWidth: 0,
  },
  link: { overflowWrap: 'anywhere', color: tokens.colorBrandForegroundLink },
});

/**
 * An update's evidence links, "Evidence:" then each link shown as its host
 * and path (never the raw address), opened in a new tab without giving the
 * opened page a handle on this one. An address that fails the domain's
 * check (hand-edited data) is shown as it is, as text, never as something to click.
 */
export function EvidenceLinks({ links, maxLabel = 72 }: { links: readonly string[] | undefined; maxLabel?: number }) {
  const styles = useStyles();
  const labelId = useId();
  if (!links?.length) return null;
  return (
    <div className={`${styles.row} evidence-links`}>
      <span id={labelId} className={styles.label}>
        Evidence:
      </span>
      <ul className={styles.list} aria-labelledby={labelId}>
        {links.map((href) => (
          <li key={href}>
            {isEvidenceLink(href) ? (
              <a className={styles.link} href={href} target="_blank" rel="noopener noreferrer" title={href}>
                <bdi>{linkLabel(href, maxLabel)}</bdi>
              </a>
            ) : (
              <bdi>{href.length > maxLabel ? `${href.slice(0, maxLabel - 1)}…` : href}</bdi>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
