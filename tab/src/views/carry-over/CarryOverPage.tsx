import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { CarryOverPreviewResponse, CarryOverRequestBody, CarryOverResponse } from '../../api/types.js';
import { useApp } from '../../app-context.js';
import { BackLink } from '../../components/BackLink.js';
import { PageHeading } from '../../components/PageHeading.js';
import { usePanelStyles } from '../../components/panel-styles.js';
import { LoadError, Loading, errorMessage } from '../../components/Status.js';
import { useApiGet } from '../../components/use-api-get.js';
import { plural } from '../../lib/format.js';
import { planPath } from '../../router.js';
import { CarryOverList, CarryOverResult } from './CarryOverLists.js';

const useStyles = makeStyles({
  intro: { color: tokens.colorNeutralForeground2, margin: `0 0 ${tokens.spacingVerticalM}` },
  year: { maxWidth: '16rem', marginBottom: tokens.spacingVerticalM },
});

/**
 * Carrying the plan into the next year, for E&D leads: the dry run lists every
 * unfinished action of the newest plan year with its proposed new due date
 * (editable), nothing is written until the lead confirms, and the result says
 * what was carried (with links to the copies) and what was left and why.
 */
export default function CarryOverPage() {
  const { me } = useApp();
  const back = <BackLink to={planPath()}>Back to the plan</BackLink>;
  if (!me.isLead)
    return (
      <>
        {back}
        <PageHeading>Carry the plan into next year</PageHeading>
        <p>Only E&D leads can carry the plan into the next year.</p>
      </>
    );
  return (
    <>
      {back}
      <PageHeading>Carry the plan into next year</PageHeading>
      <CarryOver />
    </>
  );
}

function CarryOver() {
  const styles = useStyles();
  const panel = usePanelStyles();
  const { api, announce } = useApp();
  const [from, setFrom] = useState<string | null>(null);
  const {
    data: plan,
    error,
    reload,
  } = useApiGet<CarryOverPreviewResponse>(from ? `/carry-over?from=${encodeURIComponent(from)}` : '/carry-over');
  const [dates, setDates] = useState<Record<string, string | null>>({});
  const [result, setResult] = useState<CarryOverResponse | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (error) return <LoadError error={error} what="the actions to carry over" onRetry={reload} />;
  if (!plan) return <Loading label="Finding the unfinished actions…" />;
  const movable = plan.items.filter((i) => i.kind !== 'blocked');
  const dueOf = (id: string, proposed: string | null) => (id in dates ? dates[id]! : proposed);

  const confirm = async () => {
    setBusy(true);
    setProblem(null);
    const body: CarryOverRequestBody = {
      from: plan.from,
      to: plan.to,
      actions: movable.map((i) => ({ id: i.action.id, expectedVersion: i.action.version, dueDate: dueOf(i.action.id, i.dueDate) })),
    };
    try {
      const res = await api.post<CarryOverResponse>('/carry-over', body);
      setResult(res.body);
      announce(`${plural(res.body.carried.length, 'action')} carried over into ${res.body.to}.`);
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (result) return <CarryOverResult result={result} />;
  return (
    <>
      <Field label="Plan year to carry over" className={styles.year}>
        <Select
          value={plan.from}
          disabled={busy}
          onChange={(_e, d) => {
            setDates({});
            setProblem(null);
            setFrom(d.value);
          }}
        >
          {plan.years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </Select>
      </Field>
      <p className={styles.intro}>
        Every unfinished action of {plan.from} is copied into {plan.to} with the same ref, a link back to the original and the new due date
        below; the original is marked “Carried over” and keeps its history. Complete actions stay where they are (
        {plural(plan.left.complete, 'complete action')}
        {plan.left.carriedBefore ? `, ${plural(plan.left.carriedBefore, 'action')} carried over already` : ''}). Nothing changes until you
        confirm.
      </p>
      <section className={panel.panel} data-testid="carry-over-confirm" aria-labelledby="carry-over-heading">
        <MessageBar intent={movable.length ? 'info' : 'warning'} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle id="carry-over-heading">
              {movable.length
                ? `Carry ${plural(movable.length, 'unfinished action')} from ${plan.from} into ${plan.to}?`
                : `Nothing to carry over from ${plan.from}.`}
            </MessageBarTitle>
            {problem}
          </MessageBarBody>
          {movable.length > 0 && (
            <MessageBarActions>
              <Button appearance="primary" onClick={() => void confirm()} disabled={busy}>
                {busy ? 'Carrying over…' : `Yes, carry over ${plural(movable.length, 'action')}`}
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
        <CarryOverList
          items={plan.items}
          dueOf={dueOf}
          dateInput={(id, value, label) => (
            <Input
              type="date"
              aria-label={label}
              value={value ?? ''}
              onChange={(_e, d) => setDates((all) => ({ ...all, [id]: d.value || null }))}
              disabled={busy}
            />
          )}
        />
      </section>
    </>
  );
}
