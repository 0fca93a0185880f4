import { makeStyles, tokens } from '@fluentui/react-components';
import { ArrowForwardRegular, ArrowRightRegular, PersonSwapRegular } from '@fluentui/react-icons';
import type { ProgressEvent, ProgressUpdate } from '../lib/domain.js';
import { STATUS_LABELS } from '../lib/domain.js';
import { formatInstant } from '../lib/format.js';
import { EvidenceLinks } from './EvidenceLinks.js';
import { RouteLink } from '../router.js';
import { RagBadge } from './RagBadge.js';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, position: 'relative' },
  item: {
    position: 'relative',
    padding: `0 0 ${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
    marginLeft: tokens.spacingHorizontalS,
    ':last-child': { borderLeftColor: 'transparent' },
    '::before': {
      content: '""',
      position: 'absolute',
      left: '-7px',
      top: '3px',
      width: '12px',
      height: '12px',
      borderRadius: '50%',
      backgroundColor: tokens.colorNeutralBackground1,
      border: `${tokens.strokeWidthThick} solid ${tokens.colorCompoundBrandStroke}`,
    },
  },
  head: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
  },
  who: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
  change: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: `${tokens.spacingVerticalXS} 0 0`, maxWidth: '70ch' },
  empty: { color: tokens.colorNeutralForeground2 },
  event: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    margin: `${tokens.spacingVerticalXS} 0 0`,
    overflowWrap: 'anywhere',
  },
});

/** A reassignment or a carry-over, said as what it is rather than as a note. */
function EventLine({ event }: { event: ProgressEvent }) {
  const styles = useStyles();
  if (event.kind === 'reassigned')
    return (
      <p className={styles.event}>
        <PersonSwapRegular aria-hidden="true" />
        <strong>Reassigned</strong> from <bdi>{event.from?.displayName ?? 'no named person'}</bdi> to <bdi>{event.to.displayName}</bdi>
      </p>
    );
  return (
    <p className={styles.event}>
      <ArrowForwardRegular aria-hidden="true" />
      <strong>Carried over</strong> into the {event.to.planYear} plan as{' '}
      <RouteLink to={`/actions/${encodeURIComponent(event.to.id)}`}>
        {event.to.planYear} · {event.to.ref}
      </RouteLink>
    </p>
  );
}

const SOURCES: Record<ProgressUpdate['source'], string> = {
  teams: 'in Teams',
  tab: 'in the tab',
  import: 'from the imported plan',
  api: 'through the API',
};

/**
 * The progress history, newest first: who, when, what, any RAG or status
 * change ("Amber → Green") and the evidence links; a reassignment or a
 * carry-over reads as one, not as a note.
 */
export function Timeline({ updates }: { updates: ProgressUpdate[] }) {
  const styles = useStyles();
  if (updates.length === 0) return <p className={styles.empty}>No progress updates yet.</p>;
  const newestFirst = [...updates].reverse();
  return (
    <ol className={styles.list} data-testid="timeline">
      {newestFirst.map((u) => (
        <li key={u.id} className={styles.item} data-update-id={u.id} {...(u.event ? { 'data-event': u.event.kind } : {})}>
          <div className={styles.head}>
            <bdi className={styles.who}>{u.author.name}</bdi>
            <time dateTime={u.submittedAt}>{formatInstant(u.submittedAt)}</time>
            <span>{SOURCES[u.source]}</span>
            {u.ragFrom !== u.ragTo && (
              <span className={styles.change}>
                <span>RAG</span>
                <RagBadge rag={u.ragFrom} />
                <ArrowRightRegular aria-label="to" />
                <RagBadge rag={u.ragTo} />
              </span>
            )}
            {u.statusFrom !== u.statusTo && (
              <span>
                {STATUS_LABELS[u.statusFrom]} → {STATUS_LABELS[u.statusTo]}
              </span>
            )}
          </div>
          {u.event ? (
            <EventLine event={u.event} />
          ) : (
            <>
              <p className={styles.text}>
                <bdi>{u.text}</bdi>
              </p>
              <EvidenceLinks links={u.links} />
            </>
          )}
        </li>
      ))}
    </ol>
  );
}
