import { makeStyles, tokens } from '@fluentui/react-components';
import { ArrowLeftRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useState } from 'react';
import type { ActionDetailResponse, SubmitUpdateResponse } from '../../api/types.js';
import { useApp } from '../../app-context.js';
import { PageHeading } from '../../components/PageHeading.js';
import { RagBadge } from '../../components/RagBadge.js';
import { LoadError, Loading } from '../../components/Status.js';
import { Timeline } from '../../components/Timeline.js';
import { UpdateForm } from '../../components/UpdateForm.js';
import { STATUS_LABELS } from '../../lib/domain.js';
import { DueCell } from '../plan/ActionTable.js';
import { RouteLink } from '../../router.js';
import { ActionDetails } from './ActionDetails.js';

const useStyles = makeStyles({
  back: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  facts: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    margin: `0 0 ${tokens.spacingVerticalL}`,
    color: tokens.colorNeutralForeground2,
  },
  columns: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 3fr) minmax(300px, 2fr)',
    gap: tokens.spacingHorizontalXXL,
    '@media (max-width: 900px)': { gridTemplateColumns: '1fr' },
  },
  card: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    marginBottom: tokens.spacingVerticalL,
  },
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: `0 0 ${tokens.spacingVerticalM}` },
  readOnly: { color: tokens.colorNeutralForeground2, margin: 0 },
});

/** One action: its details, the progress timeline and (for its owner or a lead) the update form. */
export default function ActionPage({ id }: { id: string }) {
  const styles = useStyles();
  const { api } = useApp();
  const [detail, setDetail] = useState<ActionDetailResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    api.get<ActionDetailResponse>(`/actions/${encodeURIComponent(id)}`).then(setDetail, setError);
  }, [api, id]);
  useEffect(load, [load]);

  const onRecorded = (r: SubmitUpdateResponse) =>
    setDetail((d) =>
      d ? { ...d, action: r.action, updates: d.updates.some((u) => u.id === r.update.id) ? d.updates : [...d.updates, r.update] } : d,
    );

  const back = (
    <RouteLink to="/" className={`${styles.back} no-print`}>
      <ArrowLeftRegular aria-hidden="true" /> Back to the plan
    </RouteLink>
  );
  if (error)
    return (
      <>
        {back}
        <LoadError error={error} what="this action" onRetry={load} />
      </>
    );
  if (!detail) return <Loading label="Loading the action…" />;
  const { action, updates } = detail;
  return (
    <>
      {back}
      <PageHeading>
        {action.ref} {action.title}
      </PageHeading>
      <div className={styles.facts}>
        <RagBadge rag={action.rag} />
        <span>{STATUS_LABELS[action.status]}</span>
        <span>
          Due <DueCell action={action} inline />
        </span>
        <span>Owner: {action.ownerLabel}</span>
      </div>
      <div className={styles.columns}>
        <div>
          <section className={styles.card} aria-labelledby="details-heading">
            <h2 id="details-heading" className={styles.h2}>
              Details
            </h2>
            <ActionDetails action={action} />
          </section>
          <section className={styles.card} aria-labelledby="history-heading">
            <h2 id="history-heading" className={styles.h2}>
              Progress history
            </h2>
            <Timeline updates={updates} />
          </section>
        </div>
        <div className={styles.card} style={{ alignSelf: 'start' }}>
          {detail.canUpdate ? (
            <UpdateForm key={action.id} action={action} onRecorded={onRecorded} onConflict={load} />
          ) : (
            <section aria-labelledby="updates-heading">
              <h2 id="updates-heading" className={styles.h2}>
                Progress updates
              </h2>
              <p className={styles.readOnly}>
                You can read this action. Updates come from {action.owner?.displayName ?? 'its owner'} or an E&D lead.
              </p>
            </section>
          )}
        </div>
      </div>
    </>
  );
}
