import { makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ActionDetailResponse, SubmitUpdateResponse } from '../../api/types.js';
import { BackLink } from '../../components/BackLink.js';
import { PageHeading } from '../../components/PageHeading.js';
import { RagBadge } from '../../components/RagBadge.js';
import { usePanelStyles } from '../../components/panel-styles.js';
import { LoadError, Loading } from '../../components/Status.js';
import { Timeline } from '../../components/Timeline.js';
import { UpdateForm } from '../../components/UpdateForm.js';
import { useApiGet } from '../../components/use-api-get.js';
import { STATUS_LABELS } from '../../lib/domain.js';
import { DueCell } from '../plan/ActionTable.js';
import { useApp } from '../../app-context.js';
import { ActionDetails } from './ActionDetails.js';
import { CarriedOverNote } from './CarriedOverNote.js';
import { ReassignPanel } from './ReassignPanel.js';
import { planPath } from '../../router.js';

const useStyles = makeStyles({
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
    gridTemplateColumns: 'minmax(0, 3fr) minmax(min(300px, 100%), 2fr)',
    gap: tokens.spacingHorizontalXXL,
    '@media (max-width: 900px)': { gridTemplateColumns: '1fr' },
  },
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: `0 0 ${tokens.spacingVerticalM}` },
  readOnly: { color: tokens.colorNeutralForeground2, margin: 0 },
});

/** One action: its details, the progress timeline and (for its owner or a lead) the update form. */
export default function ActionPage({ id }: { id: string }) {
  const styles = useStyles();
  const panel = usePanelStyles();
  const { me } = useApp();
  // A reassignment moves the action on: the update form starts again from the version it leaves.
  const [reassignments, setReassignments] = useState(0);
  const onReassigned = () => {
    setReassignments((n) => n + 1);
    reload();
  };
  const { data: detail, setData: setDetail, error, reload } = useApiGet<ActionDetailResponse>(`/actions/${encodeURIComponent(id)}`);

  const onRecorded = (r: SubmitUpdateResponse) =>
    setDetail((d) =>
      d ? { ...d, action: r.action, updates: d.updates.some((u) => u.id === r.update.id) ? d.updates : [...d.updates, r.update] } : d,
    );

  const back = <BackLink to={planPath()}>Back to the plan</BackLink>;
  if (error)
    return (
      <>
        {back}
        <LoadError error={error} what="this action" onRetry={reload} />
      </>
    );
  if (!detail) return <Loading label="Loading the action…" />;
  const { action, updates } = detail;
  const closed = action.status === 'Complete' || action.status === 'CarriedOver';
  return (
    <>
      {back}
      <PageHeading>
        {action.ref} <bdi>{action.title}</bdi>
      </PageHeading>
      <div className={styles.facts}>
        <RagBadge rag={action.rag} status={action.status} />
        <span>{STATUS_LABELS[action.status]}</span>
        <span>
          Due <DueCell action={action} inline />
        </span>
        <span>
          Owner: <bdi>{action.ownerLabel}</bdi>
        </span>
      </div>
      <CarriedOverNote action={action} />
      <div className={styles.columns}>
        <div>
          <section className={panel.panel} aria-labelledby="details-heading">
            <h2 id="details-heading" className={styles.h2}>
              Details
            </h2>
            <ActionDetails action={action} />
          </section>
          <section className={panel.panel} aria-labelledby="history-heading">
            <h2 id="history-heading" className={styles.h2}>
              Progress history
            </h2>
            <Timeline updates={updates} />
          </section>
        </div>
        <div style={{ alignSelf: 'start' }}>
          <div className={panel.panel}>
            {action.status === 'CarriedOver' ? (
              <p className={styles.readOnly}>
                Updates for this action go on its copy in {action.carriedTo?.planYear ?? 'the next plan year'}.
              </p>
            ) : detail.canUpdate ? (
              <UpdateForm key={`${action.id}-${reassignments}`} action={action} onRecorded={onRecorded} onConflict={reload} />
            ) : (
              <section aria-labelledby="updates-heading">
                <h2 id="updates-heading" className={styles.h2}>
                  Progress updates
                </h2>
                <p className={styles.readOnly}>
                  You can read this action. Updates come from <bdi>{action.owner?.displayName ?? 'its owner'}</bdi> or an E&D lead.
                </p>
              </section>
            )}
          </div>
          {me.isLead && !closed && (
            <div className={panel.panel}>
              <ReassignPanel key={action.id} action={action} onReassigned={onReassigned} />
            </div>
          )}
        </div>
      </div>
    </>
  );
}
