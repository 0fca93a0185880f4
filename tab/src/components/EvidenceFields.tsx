import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useEffect, useId, useRef, useState } from 'react';
import { MAX_EVIDENCE_LINKS } from '../lib/domain.js';

const useStyles = makeStyles({
  fieldset: { border: 'none', margin: 0, padding: 0, display: 'grid', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS, fontSize: tokens.fontSizeBase300 },
  hint: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  error: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorPaletteRedForeground1 },
  add: { justifySelf: 'start' },
});

/**
 * The update form's evidence links: one address box to start with and
 * "Add another link" up to three. `linkErrors[i]` shows beside box i (the
 * form's own check); `error` (the service's answer) beside the group.
 */
export function EvidenceFields({
  links,
  onChange,
  linkErrors,
  error,
}: {
  links: string[];
  onChange: (links: string[]) => void;
  linkErrors: (string | undefined)[];
  error: string | undefined;
}) {
  const styles = useStyles();
  const legendId = useId();
  const hintId = useId();
  const errorId = useId();
  const boxes = useRef<(HTMLInputElement | null)[]>([]);
  const [added, setAdded] = useState<number | null>(null);
  useEffect(() => {
    if (added !== null) boxes.current[added]?.focus();
  }, [added]);
  const add = () => {
    setAdded(links.length);
    onChange([...links, '']);
  };
  return (
    <fieldset className={styles.fieldset} aria-describedby={error ? `${hintId} ${errorId}` : hintId} data-testid="evidence-fields">
      <legend id={legendId} className={styles.legend}>
        Evidence links (optional)
      </legend>
      <p id={hintId} className={styles.hint}>
        Up to three SharePoint or intranet links, starting https:// — shown with the update as their site and path.
      </p>
      {links.map((value, i) => (
        <Field key={i} label={`Link ${i + 1}`} validationMessage={linkErrors[i]}>
          <Input
            ref={(el) => {
              boxes.current[i] = el;
            }}
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            value={value}
            aria-invalid={!!(linkErrors[i] ?? error) || undefined}
            onChange={(_e, d) => onChange(links.map((l, j) => (j === i ? d.value : l)))}
          />
        </Field>
      ))}
      {error && (
        <p id={errorId} className={styles.error} role="alert">
          {error}
        </p>
      )}
      {links.length < MAX_EVIDENCE_LINKS && (
        <Button className={styles.add} appearance="subtle" icon={<AddRegular />} onClick={add} disabled={!links.at(-1)?.trim()}>
          Add another link
        </Button>
      )}
    </fieldset>
  );
}
