import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { PrintRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import type { GroupListItem, RollupResponse } from '../../api/types.js';
import { PageHeading } from '../../components/PageHeading.js';
import { usePanelStyles } from '../../components/panel-styles.js';
import { DownloadButtons } from '../../components/DownloadButtons.js';
import { LoadError, Loading } from '../../components/Status.js';
import { formatDate } from '../../lib/format.js';
import { IndicatorsTable, ProgressTable } from './RollupTables.js';

const useStyles = makeStyles({
  intro: { margin: `0 0 ${tokens.spacingVerticalL}`, color: tokens.colorNeutralForeground2, maxWidth: '70ch' },
  head: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    alignItems: 'baseline',
    justifyContent: 'space-between',
    marginBottom: tokens.spacingVerticalS,
  },
  title: { margin: `0 0 ${tokens.spacingVerticalS}`, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginBottom: tokens.spacingVerticalM },
  downloads: { marginBottom: tokens.spacingVerticalM },
});

const KIND_WORDS: Record<GroupListItem['kind'], string> = { icb: 'Integrated Care Board', region: 'NHS England region' };

/**
 * The roll-up for oversight bodies: for each group the caller may read, a
 * table of its members' plan progress and one of their latest indicator
 * values, with CSV and Excel exports and a printable paper. Works for a
 * person who belongs to no organisation (it needs only the API client).
 */
export default function RollupPage({
  api,
  groups,
  announce,
}: {
  api: ApiClient;
  groups: GroupListItem[];
  announce: (message: string) => void;
}) {
  const styles = useStyles();
  return (
    <>
      <PageHeading>Roll-up for oversight bodies</PageHeading>
      <p className={styles.intro}>
        Each member organisation’s WRES action plan in summary — counts and indicator values only. Progress notes, action titles and owners
        stay with each organisation.
      </p>
      {groups.length === 0 ? (
        <p>You are not a viewer of any ICB or region roll-up.</p>
      ) : (
        <>
          <div className={mergeClasses(styles.bar, 'no-print')}>
            <Button icon={<PrintRegular />} onClick={() => window.print()}>
              Print roll-up paper
            </Button>
          </div>
          {groups.map((g) => (
            <GroupRollup key={g.id} api={api} group={g} announce={announce} />
          ))}
        </>
      )}
    </>
  );
}

function GroupRollup({ api, group, announce }: { api: ApiClient; group: GroupListItem; announce: (message: string) => void }) {
  const styles = useStyles();
  const panel = usePanelStyles();
  const [data, setData] = useState<RollupResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const path = `/groups/${encodeURIComponent(group.id)}/rollup`;
  const load = useCallback(() => {
    const controller = new AbortController();
    setError(null);
    api.get<RollupResponse>(path, controller.signal).then(setData, (e: unknown) => {
      if (!controller.signal.aborted) setError(e);
    });
    return controller;
  }, [api, path]);
  useEffect(() => {
    const controller = load();
    return () => controller.abort();
  }, [load]);
  const headingId = `rollup-${group.id}`;
  return (
    <section className={mergeClasses(panel.panel, 'rollup-group')} aria-labelledby={headingId} data-group={group.id}>
      <div className={styles.head}>
        <h2 id={headingId} className={styles.title}>
          <bdi>{group.name}</bdi> ({group.id}) · {KIND_WORDS[group.kind]}
        </h2>
        {data && <span>Worked out {formatDate(data.generatedAt.slice(0, 10))}</span>}
      </div>
      <DownloadButtons
        api={api}
        pathFor={(format) => `${path}?format=${format}`}
        fileNameFor={(format) => `wres-rollup-${group.id}.${format}`}
        announce={announce}
        className={styles.downloads}
      />
      {error ? (
        <LoadError error={error} what={`the roll-up for ${group.name}`} onRetry={() => void load()} />
      ) : !data ? (
        <Loading label={`Loading the roll-up for ${group.name}…`} />
      ) : (
        <>
          <ProgressTable rollup={data} />
          <IndicatorsTable rollup={data} />
        </>
      )}
    </section>
  );
}
