import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { PrintRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ChangesResponse } from '../../api/types.js';
import { useApp } from '../../app-context.js';
import { PageHeading } from '../../components/PageHeading.js';
import { LoadError, Loading } from '../../components/Status.js';
import { formatLongDate, plural } from '../../lib/format.js';
import { ChangeTables } from './ChangeTables.js';

const useStyles = makeStyles({
  controls: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
    margin: `${tokens.spacingVerticalS} 0 ${tokens.spacingVerticalL}`,
  },
  intro: { color: tokens.colorNeutralForeground2, margin: `0 0 ${tokens.spacingVerticalS}` },
  headline: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: `0 0 ${tokens.spacingVerticalL}` },
});

/** "Since the last board": RAG moves, completions, newly overdue actions and every update since a date. */
export default function SincePage() {
  const styles = useStyles();
  const { api } = useApp();
  const [since, setSince] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [data, setData] = useState<ChangesResponse | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    setError(null);
    api.get<ChangesResponse>(since ? `/changes?since=${encodeURIComponent(since)}` : '/changes').then((d) => {
      setData(d);
      setDraft(d.since);
    }, setError);
  }, [api, since]);
  useEffect(load, [load]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (/^\d{4}-\d{2}-\d{2}$/.test(draft)) setSince(draft);
  };

  return (
    <>
      <PageHeading>Since the last board</PageHeading>
      <p className={styles.intro}>Everything that changed in the plan since a date — the page a board paper is made from.</p>
      <form className={`${styles.controls} no-print`} onSubmit={onSubmit}>
        <Field label="Changes since" hint="The date of the last board meeting">
          <Input type="date" value={draft} max={data?.today} onChange={(_e, d) => setDraft(d.value)} />
        </Field>
        <Button type="submit" appearance="primary">
          Show changes
        </Button>
        <Button icon={<PrintRegular />} onClick={() => window.print()} disabled={!data}>
          Print board paper
        </Button>
      </form>
      {error ? (
        <LoadError error={error} what="the changes" onRetry={load} />
      ) : !data ? (
        <Loading label="Loading the changes…" />
      ) : (
        <>
          <p className={styles.headline} role="status">
            From {formatLongDate(data.since)} to {formatLongDate(data.today)}: {plural(data.updates.length, 'update')} ·{' '}
            {plural(data.ragMoves.length, 'RAG move')} · {plural(data.completions.length, 'completion')} · {data.newlyOverdue.length} newly
            overdue
          </p>
          <ChangeTables data={data} />
        </>
      )}
    </>
  );
}
