import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { IndicatorsResponse } from '../../api/types.js';
import { useApp } from '../../app-context.js';
import { plural } from '../../lib/format.js';
import { RouteLink } from '../../router.js';

const useStyles = makeStyles({
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
  item: { marginBottom: '2px' },
  none: { fontWeight: tokens.fontWeightSemibold },
  // The brand link colour is too faint on the warning background in the dark theme.
  link: { color: tokens.colorNeutralForeground1, textDecorationLine: 'underline', ':hover': { color: tokens.colorNeutralForeground1 } },
});

/** "— no open action" or "· 2 open actions". */
function coverage(open: number): string {
  return open === 0 ? ' — no open action' : ` · ${plural(open, 'open action')}`;
}

/**
 * The indicators whose latest figures are worse than the year before, each
 * linked to its page, saying in words whether any open action addresses it.
 * Renders nothing until loaded, on error, or when nothing worsened. Pass
 * `data` when the page already has /api/indicators; otherwise it loads it.
 */
export function WorsenedIndicators({ data }: { data?: IndicatorsResponse }) {
  const styles = useStyles();
  const { api } = useApp();
  const [loaded, setLoaded] = useState<IndicatorsResponse | null>(null);
  useEffect(() => {
    if (data) return;
    let live = true;
    api.get<IndicatorsResponse>('/indicators').then(
      (d) => live && setLoaded(d),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, data]);
  const worsened = (data ?? loaded)?.worsened ?? [];
  if (worsened.length === 0) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="worsened-indicators" style={{ marginBottom: tokens.spacingVerticalL }}>
      <MessageBarBody>
        <MessageBarTitle>
          {worsened.length === 1 ? 'One WRES indicator worsened' : `${worsened.length} WRES indicators worsened`} on the latest figures
        </MessageBarTitle>
        <ul className={styles.list}>
          {worsened.map((w) => (
            <li key={w.indicator} className={styles.item} data-indicator={w.indicator}>
              <RouteLink to={`/indicators/${w.indicator}`} className={styles.link}>
                {w.summary}
              </RouteLink>{' '}
              ({w.from.year} → {w.to.year})<span className={w.openActions === 0 ? styles.none : undefined}>{coverage(w.openActions)}</span>
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
