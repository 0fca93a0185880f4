import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.js';
import type { ReassignAllRequest, ReassignPreviewResponse, ReassignResponse } from '../../api/types.js';
import { useApp } from '../../app-context.js';
import { BackLink } from '../../components/BackLink.js';
import { PageHeading } from '../../components/PageHeading.js';
import { usePanelStyles } from '../../components/panel-styles.js';
import { errorMessage } from '../../components/Status.js';
import { newRequestId } from '../../components/update-submit.js';
import { plural } from '../../lib/format.js';
import { planPath } from '../../router.js';
import { ActionList, ReassignOutcomes } from './ReassignLists.js';

const useStyles = makeStyles({
  form: { display: 'grid', rowGap: tokens.spacingVerticalM, maxWidth: '40rem' },
  intro: { color: tokens.colorNeutralForeground2, margin: `0 0 ${tokens.spacingVerticalM}` },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

const isEmail = (s: string) => /^\S+@\S+\.\S+$/.test(s.trim());

/**
 * "Reassign all of A's open actions to B", for E&D leads: the lead names both
 * people by email, sees A's open actions (the dry run, nothing written), and
 * confirms that list; each action's outcome is then listed. Others are told
 * only leads may do this (the API refuses them with 403 as well).
 */
export default function ReassignAllPage({ query }: { query: URLSearchParams }) {
  const styles = useStyles();
  const panel = usePanelStyles();
  const { api, me, announce } = useApp();
  const [from, setFrom] = useState(query.get('from') ?? '');
  const [to, setTo] = useState('');
  const [name, setName] = useState('');
  const [askName, setAskName] = useState(false);
  const [preview, setPreview] = useState<ReassignPreviewResponse | null>(null);
  const [result, setResult] = useState<ReassignResponse | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [requestId, setRequestId] = useState(newRequestId);

  const back = <BackLink to={planPath()}>Back to the plan</BackLink>;
  if (!me.isLead)
    return (
      <>
        {back}
        <PageHeading>Reassign actions</PageHeading>
        <p>Only E&D leads can reassign actions. Ask an E&D lead if an action needs a new owner.</p>
      </>
    );

  const toInput = () => ({ email: to.trim(), ...(askName && name.trim() ? { displayName: name.trim() } : {}) });

  const showList = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setResult(null);
    if (!isEmail(from) || !isEmail(to)) {
      setProblem('Write both work email addresses: the current owner’s and the new owner’s.');
      return;
    }
    setBusy(true);
    try {
      const q = new URLSearchParams({ from: from.trim(), to: to.trim(), ...(askName && name.trim() ? { toName: name.trim() } : {}) });
      setPreview(await api.get<ReassignPreviewResponse>(`/reassign?${q.toString()}`));
    } catch (err) {
      if (err instanceof ApiError && (err.details as { to?: string } | undefined)?.to === 'unknown' && /give their name/.test(err.message))
        setAskName(true);
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    setProblem(null);
    const body: ReassignAllRequest = {
      requestId,
      from: preview.from.email,
      to: toInput(),
      actions: preview.actions.map((a) => ({ id: a.id, expectedVersion: a.version })),
    };
    try {
      const res = await api.post<ReassignResponse>('/reassign', body);
      setResult(res.body);
      setPreview(null);
      setRequestId(newRequestId());
      const done = res.body.items.filter((i) => i.outcome === 'reassigned' || i.outcome === 'duplicate').length;
      announce(`${plural(done, 'action')} reassigned to ${res.body.to.displayName}.`);
    } catch (err) {
      setProblem(errorMessage(err));
      // A retry after a failure the server may not have seen reuses the id, so nothing is stored twice.
      if (err instanceof ApiError && err.status > 0 && err.status < 500) setRequestId(newRequestId());
    } finally {
      setBusy(false);
    }
  };

  const editing = preview === null;
  return (
    <>
      {back}
      <PageHeading>Reassign actions</PageHeading>
      <p className={styles.intro}>
        When someone leaves or changes role, give all of their open actions to someone else. You will see the list before anything changes;
        each action’s history stays with it and the new owner gets a handover card in Teams.
      </p>
      <form className={`${panel.panel} ${styles.form}`} onSubmit={(e) => void showList(e)} data-testid="reassign-all-form" noValidate>
        <Field label="Current owner’s work email" required>
          <Input type="email" value={from} onChange={(_e, d) => setFrom(d.value)} disabled={!editing} />
        </Field>
        <Field label="New owner’s work email" required>
          <Input type="email" value={to} onChange={(_e, d) => setTo(d.value)} disabled={!editing} />
        </Field>
        {askName && (
          <Field label="Their name" hint="Nobody with this email is known to the app yet: their name is shown until they open it in Teams.">
            <Input value={name} onChange={(_e, d) => setName(d.value)} disabled={!editing} />
          </Field>
        )}
        {problem && (
          <MessageBar intent="error" layout="multiline" data-testid="reassign-all-problem">
            <MessageBarBody>{problem}</MessageBarBody>
          </MessageBar>
        )}
        {editing && (
          <div className={styles.buttons}>
            <Button type="submit" appearance="primary" disabled={busy}>
              {busy ? 'Finding their actions…' : 'Show their open actions'}
            </Button>
          </div>
        )}
      </form>
      {preview && (
        <section className={panel.panel} aria-labelledby="reassign-preview-heading" data-testid="reassign-all-confirm">
          <MessageBar intent={preview.actions.length ? 'info' : 'warning'} layout="multiline">
            <MessageBarBody>
              <MessageBarTitle id="reassign-preview-heading">
                {preview.actions.length
                  ? `Reassign ${plural(preview.actions.length, 'open action')} from ${preview.from.label} to ${preview.to.displayName}?`
                  : `${preview.from.label} has no open actions.`}
              </MessageBarTitle>
              {preview.actions.length > 0 && <>{preview.from.label} will get no more reminders for them. Nothing has changed yet.</>}
            </MessageBarBody>
            <MessageBarActions>
              {preview.actions.length > 0 && (
                <Button appearance="primary" onClick={() => void confirm()} disabled={busy}>
                  {busy ? 'Reassigning…' : `Yes, reassign ${plural(preview.actions.length, 'action')}`}
                </Button>
              )}
              <Button onClick={() => setPreview(null)} disabled={busy}>
                {preview.actions.length ? 'Cancel' : 'Change the people'}
              </Button>
            </MessageBarActions>
          </MessageBar>
          <ActionList actions={preview.actions} />
        </section>
      )}
      {result && <ReassignOutcomes result={result} />}
    </>
  );
}
