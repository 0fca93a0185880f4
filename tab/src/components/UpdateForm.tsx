import {
  Button,
  Checkbox,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { ActionView, FieldErrors, SubmitUpdateResponse, UpdateRag } from '../api/types.js';
import { useApp } from '../app-context.js';
import { RAG_LABELS } from '../lib/domain.js';
import { formatInstant } from '../lib/format.js';
import { RagBadge } from './RagBadge.js';
import { EvidenceFields } from './EvidenceFields.js';
import { MAX_NOTE, checkLinkBoxes, checkNote, newRequestId, submitUpdate } from './update-submit.js';

const useStyles = makeStyles({
  form: { display: 'grid', rowGap: tokens.spacingVerticalM },
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  radios: { display: 'flex', flexWrap: 'wrap' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  quote: { whiteSpace: 'pre-wrap', margin: `${tokens.spacingVerticalXS} 0` },
});

const CHOICES: UpdateRag[] = ['Red', 'Amber', 'Green', 'Blue'];

/** Where the form stands after a submission. */
type Outcome =
  { kind: 'done'; response: SubmitUpdateResponse; duplicate: boolean } | { kind: 'conflict'; current: ActionView; message: string } | null;

function initialRag(action: ActionView): UpdateRag | '' {
  return action.rag === 'None' ? '' : action.rag;
}

/**
 * The progress-update form for owners and leads: a required note (≤ 2,000
 * characters, with a counter), up to three evidence links, the RAG rating
 * and "mark complete". Server
 * field errors show inline and the typed text is kept; a 409 shows the newer
 * update and asks before sending again.
 */
export function UpdateForm({
  action,
  onRecorded,
  onConflict,
  headingLevel = 2,
}: {
  action: ActionView;
  onRecorded: (r: SubmitUpdateResponse) => void;
  /** Called when the server says the action changed since it was loaded: reload what is shown. */
  onConflict?: () => void;
  headingLevel?: 2 | 3;
}) {
  const styles = useStyles();
  const { api, announce } = useApp();
  const headingId = useId();
  const [text, setText] = useState('');
  const [linkBoxes, setLinkBoxes] = useState<string[]>(['']);
  const [linkErrors, setLinkErrors] = useState<(string | undefined)[]>([]);
  const [rag, setRag] = useState<UpdateRag | ''>(initialRag(action));
  const [complete, setComplete] = useState(action.status === 'Complete');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(action.version);
  const pendingRequest = useRef<string | null>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);

  const send = async (expectedVersion: number) => {
    const found = checkNote(text, rag);
    const boxes = checkLinkBoxes(linkBoxes);
    setErrors(found);
    setLinkErrors(boxes.errors);
    if (Object.keys(found).length || boxes.errors.some(Boolean)) {
      if (found.text) noteRef.current?.focus();
      return;
    }
    setBusy(true);
    pendingRequest.current ??= newRequestId();
    const result = await submitUpdate(api, action.id, {
      requestId: pendingRequest.current,
      expectedVersion,
      text: text.trim(),
      rag: rag as UpdateRag,
      markComplete: complete,
      ...(boxes.links.length ? { links: boxes.links } : {}),
    });
    setBusy(false);
    if (result.kind === 'failed' && result.retryable) {
      setErrors({ form: result.message });
      return;
    }
    pendingRequest.current = null;
    if (result.kind === 'recorded' || result.kind === 'duplicate') {
      setText('');
      setLinkBoxes(['']);
      setErrors({});
      setVersion(result.response.action.version);
      setOutcome({ kind: 'done', response: result.response, duplicate: result.kind === 'duplicate' });
      announce(
        result.kind === 'duplicate'
          ? `This update to action ${action.ref} was already recorded.`
          : `Update recorded for action ${action.ref}.`,
      );
      onRecorded(result.response);
    } else if (result.kind === 'invalid') {
      setErrors(result.errors);
      announce('The update was not sent. Please check the form.');
    } else if (result.kind === 'conflict') {
      setOutcome({ kind: 'conflict', current: result.current, message: result.message });
      announce('Someone else updated this action first. Your note is kept.');
      onConflict?.();
    } else if (result.kind === 'failed') {
      setErrors({ form: result.message });
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setOutcome(null);
    void send(version);
  };
  const sendAnyway = (current: ActionView) => {
    setVersion(current.version);
    setOutcome(null);
    void send(current.version);
  };

  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const count = text.trim().length;
  return (
    <form className={styles.form} onSubmit={onSubmit} aria-labelledby={headingId} noValidate data-testid="update-form">
      <Heading id={headingId} className={styles.h2}>
        Add a progress update
      </Heading>
      {outcome?.kind === 'done' && (
        // Multiline: a single-line bar does not wrap and would push the page wider than the screen.
        <MessageBar intent="success" layout="multiline" data-testid="receipt">
          <MessageBarBody>
            <MessageBarTitle>{outcome.duplicate ? 'Already recorded' : 'Update recorded'}</MessageBarTitle>
            {formatInstant(outcome.response.update.submittedAt)} · RAG now {RAG_LABELS[outcome.response.action.rag]}
            {evidenceWords(outcome.response.update.links?.length ?? 0)}
          </MessageBarBody>
        </MessageBar>
      )}
      {outcome?.kind === 'conflict' && (
        <MessageBar intent="warning" layout="multiline" data-testid="conflict">
          <MessageBarBody>
            <MessageBarTitle>
              {outcome.current.latestUpdate ? (
                <>
                  <bdi>{outcome.current.latestUpdate.authorName}</bdi> updated this action while you were writing
                </>
              ) : (
                'This action changed while you were writing'
              )}
            </MessageBarTitle>
            {outcome.current.latestUpdate && (
              <p className={styles.quote}>
                {formatInstant(outcome.current.latestUpdate.submittedAt)}: “<bdi>{outcome.current.latestUpdate.text}</bdi>”
              </p>
            )}
            RAG is now <RagBadge rag={outcome.current.rag} />. Your note is kept below: send it as well, or change it first.
          </MessageBarBody>
          <MessageBarActions>
            <Button appearance="primary" onClick={() => sendAnyway(outcome.current)} disabled={busy}>
              Send my update as well
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <Field
        label="What has happened since the last update?"
        required
        validationMessage={errors.text}
        hint={`${count.toLocaleString('en-GB')} of ${MAX_NOTE.toLocaleString('en-GB')} characters${count > MAX_NOTE ? ` — ${(count - MAX_NOTE).toLocaleString('en-GB')} too many` : ''}`}
      >
        <Textarea ref={noteRef} value={text} onChange={(_e, d) => setText(d.value)} resize="vertical" rows={4} />
      </Field>
      <EvidenceFields links={linkBoxes} onChange={setLinkBoxes} linkErrors={linkErrors} error={errors.links} />
      <Field label="RAG rating" required validationMessage={errors.rag}>
        <RadioGroup
          className={styles.radios}
          layout="horizontal"
          value={rag}
          onChange={(_e, d) => {
            setRag(d.value as UpdateRag);
            setComplete(d.value === 'Blue');
          }}
        >
          {CHOICES.map((r) => (
            <Radio key={r} value={r} label={RAG_LABELS[r]} />
          ))}
        </RadioGroup>
      </Field>
      <Checkbox
        label="Mark this action complete"
        checked={complete}
        onChange={(_e, d) => {
          const on = d.checked === true;
          setComplete(on);
          if (on) setRag('Blue');
          else if (rag === 'Blue') setRag(action.rag === 'Blue' || action.rag === 'None' ? '' : action.rag);
        }}
      />
      {errors.form && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{errors.form}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={busy}>
          {busy ? 'Sending…' : 'Send update'}
        </Button>
      </div>
    </form>
  );
}

function evidenceWords(count: number): string {
  return count === 0 ? '' : ` · ${count === 1 ? 'one evidence link' : `${count} evidence links`}`;
}
