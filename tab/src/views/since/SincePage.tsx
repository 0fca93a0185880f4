import { Button, Field, makeStyles, tokens } from '@fluentui/react-components';
import { DatePicker, type DatePickerErrorType } from '@fluentui/react-datepicker-compat';
import { PrintRegular } from '@fluentui/react-icons';
import { useState, type FormEvent } from 'react';
import type { ChangesResponse } from '../../api/types.js';
import { PageHeading } from '../../components/PageHeading.js';
import { LoadError, Loading } from '../../components/Status.js';
import { useApiGet } from '../../components/use-api-get.js';
import { formatLongDate, plural } from '../../lib/format.js';
import { formatUkDate, fromIsoDay, isoDay, parseUkDate } from '../../lib/uk-date.js';
import { navigate } from '../../router.js';
import { ChangeTables } from './ChangeTables.js';

const useStyles = makeStyles({
  controls: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
    margin: `${tokens.spacingVerticalS} 0 ${tokens.spacingVerticalL}`,
  },
  picker: { maxWidth: '100%' },
  intro: { color: tokens.colorNeutralForeground2, margin: `0 0 ${tokens.spacingVerticalS}` },
  headline: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: `0 0 ${tokens.spacingVerticalL}` },
});

const PICKER_ERRORS: Record<DatePickerErrorType, string> = {
  'invalid-input': 'Write the date day first, for example 12/03/2026 or 12 Mar 2026.',
  'out-of-bounds': 'Choose a date that is not in the future.',
  'required-input': 'Choose the date of the last board meeting.',
};

/** `?since=YYYY-MM-DD` from the address (so a report can be shared), else the service's default. */
function sinceFrom(query: URLSearchParams): string | null {
  const since = query.get('since');
  return since && /^\d{4}-\d{2}-\d{2}$/.test(since) ? since : null;
}

/** "Since the last board": RAG moves, completions, newly overdue actions and every update since a date. */
export default function SincePage({ query }: { query: URLSearchParams }) {
  const styles = useStyles();
  const since = sinceFrom(query);
  const { data, error, reload } = useApiGet<ChangesResponse>(since ? `/changes?since=${since}` : '/changes');
  const [draft, setDraft] = useState<Date | null>(null);
  const [invalid, setInvalid] = useState<DatePickerErrorType | undefined>();

  // The picker shows the date the report is for once it arrives (the default is the service's), in the same
  // render as the report: set while rendering, not in an effect, so the report is never shown beside an empty picker.
  const [draftFor, setDraftFor] = useState<ChangesResponse | null>(null);
  if (data && data !== draftFor) {
    setDraftFor(data);
    setDraft(fromIsoDay(data.since));
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (draft && !invalid) navigate(`/since?since=${isoDay(draft)}`, { keepScroll: true });
  };
  const today = data ? fromIsoDay(data.today) : null;

  return (
    <>
      <PageHeading>Since the last board</PageHeading>
      <p className={styles.intro}>Everything that changed in the plan since a date — the page a board paper is made from.</p>
      <form className={`${styles.controls} no-print`} onSubmit={onSubmit}>
        <Field
          label="Changes since"
          hint="The date of the last board meeting, day first"
          validationMessage={invalid ? PICKER_ERRORS[invalid] : undefined}
          className={styles.picker}
        >
          <DatePicker
            value={draft}
            onSelectDate={(d) => {
              setDraft(d ?? null);
              setInvalid(undefined);
            }}
            onValidationResult={(r) => setInvalid(r.error)}
            formatDate={formatUkDate}
            parseDateFromString={parseUkDate}
            allowTextInput
            placeholder="dd/mm/yyyy"
            firstDayOfWeek={1}
            {...(today ? { maxDate: today } : {})}
          />
        </Field>
        <Button type="submit" appearance="primary">
          Show changes
        </Button>
        <Button icon={<PrintRegular />} onClick={() => window.print()} disabled={!data}>
          Print board paper
        </Button>
      </form>
      {error ? (
        <LoadError error={error} what="the changes" onRetry={reload} />
      ) : !data ? (
        <Loading label="Loading the changes…" />
      ) : (
        <>
          <p className={styles.headline} role="status">
            From {formatLongDate(data.since)} to {formatLongDate(data.today)}: {plural(data.updates.length, 'update')} ·{' '}
            {plural(data.ragMoves.length, 'RAG move')} · {plural(data.completions.length, 'completion')} · {data.newlyOverdue.length} newly
            overdue · {plural(data.reassignments.length, 'reassignment')} · {data.carriedOver.length} carried over
          </p>
          <ChangeTables data={data} />
        </>
      )}
    </>
  );
}
