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
import type { ActionView, ReassignActionRequest, ReassignResponse } from '../../api/types.js';
import { useApp } from '../../app-context.js';
import { errorMessage } from '../../components/Status.js';
import { newRequestId } from '../../components/update-submit.js';
import { RouteLink } from '../../router.js';

const useStyles = makeStyles({
  form: { display: 'grid', rowGap: tokens.spacingVerticalM },
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  intro: { margin: 0, color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

type Step = { kind: 'edit' } | { kind: 'confirm' } | { kind: 'done'; result: ReassignResponse };

/**
 * For E&D leads on an open action: give it to someone else by their work
 * email, after a confirmation that says what happens (history, handover card,
 * the previous owner's reminders stop). Unknown people, a change made
 * meanwhile and a refusal are shown with the server's words; nothing is lost.
 */
export function ReassignPanel({ action, onReassigned }: { action: ActionView; onReassigned: () => void }) {
  const styles = useStyles();
  const { api, announce } = useApp();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [askName, setAskName] = useState(false);
  const [step, setStep] = useState<Step>({ kind: 'edit' });
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [requestId, setRequestId] = useState(newRequestId);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) setProblem('Write the new owner’s work email address.');
    else setStep({ kind: 'confirm' });
  };

  const reassign = async () => {
    setBusy(true);
    const body: ReassignActionRequest = {
      requestId,
      expectedVersion: action.version,
      to: { email: email.trim(), ...(askName && name.trim() ? { displayName: name.trim() } : {}) },
    };
    try {
      const res = await api.post<ReassignResponse>(`/actions/${encodeURIComponent(action.id)}/reassign`, body);
      setStep({ kind: 'done', result: res.body });
      setRequestId(newRequestId());
      announce(`Action ${action.ref} reassigned to ${res.body.to.displayName}.`);
      onReassigned();
    } catch (e) {
      setStep({ kind: 'edit' });
      const unknown = e instanceof ApiError && e.status === 400 && (e.details as { to?: string } | undefined)?.to === 'unknown';
      if (unknown && /give their name/.test(e.message)) setAskName(true);
      setProblem(errorMessage(e));
      if (e instanceof ApiError && e.status === 409) onReassigned();
      if (!(e instanceof ApiError) || e.status >= 500 || e.status === 0) return; // a retry may reuse the id
      setRequestId(newRequestId());
    } finally {
      setBusy(false);
    }
  };

  const owner = action.owner?.displayName ?? action.ownerLabel;
  return (
    <form className={styles.form} onSubmit={onSubmit} aria-labelledby="reassign-heading" data-testid="reassign-form" noValidate>
      <h2 id="reassign-heading" className={styles.h2}>
        Reassign this action
      </h2>
      <p className={styles.intro}>
        When <bdi>{owner}</bdi> leaves or changes role. The history stays with the action and the new owner gets a handover card in Teams.
      </p>
      {step.kind === 'done' && (
        <MessageBar intent={step.result.handover?.sent ? 'success' : 'warning'} layout="multiline" data-testid="reassign-receipt">
          <MessageBarBody>
            <MessageBarTitle>
              Reassigned to <bdi>{step.result.to.displayName}</bdi>
            </MessageBarTitle>
            {step.result.handover?.sent ? 'They have been sent a handover card in Teams.' : step.result.handover?.reason}
          </MessageBarBody>
        </MessageBar>
      )}
      <Field label="New owner’s work email" required validationMessage={problem ?? undefined}>
        <Input type="email" value={email} onChange={(_e, d) => setEmail(d.value)} disabled={step.kind === 'confirm'} />
      </Field>
      {askName && (
        <Field label="Their name" hint="Nobody with this email is known to the app yet: their name is shown until they open it in Teams.">
          <Input value={name} onChange={(_e, d) => setName(d.value)} disabled={step.kind === 'confirm'} />
        </Field>
      )}
      {step.kind === 'confirm' ? (
        <MessageBar intent="info" layout="multiline" data-testid="reassign-confirm">
          <MessageBarBody>
            <MessageBarTitle>
              Reassign action {action.ref} to <bdi>{email.trim()}</bdi>?
            </MessageBarTitle>
            <bdi>{owner}</bdi> will get no more reminders for it.
          </MessageBarBody>
          <MessageBarActions>
            <Button appearance="primary" onClick={() => void reassign()} disabled={busy}>
              {busy ? 'Reassigning…' : 'Yes, reassign'}
            </Button>
            <Button onClick={() => setStep({ kind: 'edit' })} disabled={busy}>
              Cancel
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : (
        <div className={styles.actions}>
          <Button type="submit">Reassign…</Button>
          {action.owner?.email && (
            <RouteLink to={`/reassign?from=${encodeURIComponent(action.owner.email)}`}>
              Reassign all of <bdi>{owner}</bdi>’s open actions
            </RouteLink>
          )}
        </div>
      )}
    </form>
  );
}
