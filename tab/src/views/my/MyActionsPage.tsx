import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ActionView, MyActionsResponse, SubmitUpdateResponse } from '../../api/types.js';
import { useApp } from '../../app-context.js';
import { PageHeading } from '../../components/PageHeading.js';
import { RagBadge } from '../../components/RagBadge.js';
import { LoadError, Loading } from '../../components/Status.js';
import { useApiGet } from '../../components/use-api-get.js';
import { UpdateForm } from '../../components/UpdateForm.js';
import { STATUS_LABELS } from '../../lib/domain.js';
import { formatInstantDay, plural } from '../../lib/format.js';
import { RouteLink } from '../../router.js';
import { DueCell } from '../plan/ActionTable.js';

const useStyles = makeStyles({
  intro: { color: tokens.colorNeutralForeground2, margin: `0 0 ${tokens.spacingVerticalL}` },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', rowGap: tokens.spacingVerticalM },
  card: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
  },
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: `0 0 ${tokens.spacingVerticalXS}` },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(160px, 1fr))',
    gap: tokens.spacingHorizontalL,
    margin: `${tokens.spacingVerticalS} 0`,
    fontSize: tokens.fontSizeBase200,
  },
  label: { display: 'block', color: tokens.colorNeutralForeground2 },
  latest: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontSize: tokens.fontSizeBase200, margin: `0 0 ${tokens.spacingVerticalS}` },
  form: {
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalM,
    marginTop: tokens.spacingVerticalS,
  },
});

function MyActionCard({ action: initial }: { action: ActionView }) {
  const styles = useStyles();
  const [action, setAction] = useState(initial);
  const [open, setOpen] = useState(false);
  const onRecorded = (r: SubmitUpdateResponse) => setAction(r.action);
  const headingId = `my-${action.id}`;
  return (
    <li className={styles.card} data-action-id={action.id}>
      <h2 className={styles.h2} id={headingId}>
        <RouteLink to={`/actions/${encodeURIComponent(action.id)}`}>
          {action.ref} <bdi>{action.title}</bdi>
        </RouteLink>
      </h2>
      <div className={styles.facts}>
        <span>
          <span className={styles.label}>RAG</span>
          <RagBadge rag={action.rag} status={action.status} />
        </span>
        <span>
          <span className={styles.label}>Status</span>
          {STATUS_LABELS[action.status]}
        </span>
        <span>
          <span className={styles.label}>Due</span>
          <DueCell action={action} inline />
        </span>
      </div>
      <p className={styles.latest}>
        {action.latestUpdate ? (
          <>
            Last update {formatInstantDay(action.latestUpdate.submittedAt)} by <bdi>{action.latestUpdate.authorName}</bdi>: “
            <bdi>{action.latestUpdate.text}</bdi>”
          </>
        ) : (
          'No update yet.'
        )}
      </p>
      {open ? (
        <div className={styles.form}>
          <UpdateForm action={action} onRecorded={onRecorded} headingLevel={3} />
        </div>
      ) : (
        <Button appearance="primary" onClick={() => setOpen(true)} aria-describedby={headingId}>
          Add an update
        </Button>
      )}
    </li>
  );
}

/** The signed-in owner's actions, soonest due first, each with the update form one click away. */
export default function MyActionsPage() {
  const styles = useStyles();
  const { me } = useApp();
  const { data, error, reload } = useApiGet<MyActionsResponse>('/my-actions');

  if (error) return <LoadError error={error} what="your actions" onRetry={reload} />;
  if (!data) return <Loading label="Loading your actions…" />;
  const overdue = data.actions.filter((a) => a.overdue).length;
  return (
    <>
      <PageHeading>My actions</PageHeading>
      <p className={styles.intro}>
        {data.actions.length === 0 ? (
          me.isLead ? (
            'You do not own any actions. As an E&D lead you can update any action from its page in the plan.'
          ) : (
            'You do not own any actions in the plan.'
          )
        ) : (
          <>
            {plural(data.actions.length, 'action')} owned by <bdi>{me.displayName}</bdi>
            {overdue ? ` · ${overdue} overdue` : ''}. Soonest due first.
          </>
        )}
      </p>
      <ul className={styles.list}>
        {data.actions.map((a) => (
          <MyActionCard key={a.id} action={a} />
        ))}
      </ul>
    </>
  );
}
