import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.js';
import type { IndicatorsResponse, SaveFiguresRequest, SaveFiguresResponse } from '../../api/types.js';
import { useApp } from '../../app-context.js';
import { FIGURE_SECTIONS, measureKind, measureLabel, MEASURES, normaliseFigureYear } from './evidence-text.js';
import { draftsFrom, figuresToSend, type Drafts } from './figures-form-state.js';

const useStyles = makeStyles({
  form: { display: 'grid', rowGap: tokens.spacingVerticalM },
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  hint: { color: tokens.colorNeutralForeground2, margin: 0 },
  years: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  fieldset: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    margin: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))', gap: tokens.spacingHorizontalM },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

const NEW_YEAR = '__new__';
const KIND_HINT = {
  count: 'Headcount',
  percent: 'Per cent (0–100)',
  ratio: 'Relative likelihood, e.g. 1.45',
  points: 'Percentage points, e.g. −11.7',
} as const;

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The financial year (April–March) today falls in, e.g. "2025/26". */
function thisFinancialYear(): string {
  const now = new Date();
  const start = now.getMonth() >= 3 ? now.getFullYear() : now.getFullYear() - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/**
 * The E&D lead's form for one year's figures behind `indicator`: choose a
 * year (or add one), then headcounts, survey percentages or published values
 * in labelled boxes. Checks ranges before sending; the service's field
 * messages show beside the boxes; typed figures are kept on error.
 */
export function FiguresForm({ indicator, data, onSaved }: { indicator: number; data: IndicatorsResponse; onSaved: () => void }) {
  const styles = useStyles();
  const { api, announce } = useApp();
  const headingId = useId();
  const measures = MEASURES[indicator as keyof typeof MEASURES] as readonly string[];
  const sections = useMemo(
    () => FIGURE_SECTIONS.map((s) => ({ ...s, measures: s.measures.filter((m) => measures.includes(m)) })).filter((s) => s.measures.length),
    [measures],
  );
  const [choice, setChoice] = useState(data.years.at(-1) ?? NEW_YEAR);
  const [newYear, setNewYear] = useState(data.years.length ? '' : thisFinancialYear());
  const year = choice === NEW_YEAR ? (normaliseFigureYear(newYear) ?? '') : choice;
  const stored = year ? data.figures[year] : undefined;
  const [drafts, setDrafts] = useState<Drafts>(() => draftsFrom(measures, stored));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<SaveFiguresResponse | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setDrafts(draftsFrom(measures, stored));
    setErrors({});
  }, [measures, stored]);

  // Reports every failure on the form itself, so it never rejects.
  const save = async () => {
    setSaved(null);
    setFailure(null);
    if (!year) {
      setErrors({ year: 'Please write the year like 2025/26' });
      return;
    }
    const { figures, errors: found } = figuresToSend(drafts, stored);
    setErrors(found);
    if (Object.keys(found).length) {
      announce('The figures were not saved. Please check the boxes marked.');
      return;
    }
    if (Object.keys(figures).length === 0) {
      setFailure('Nothing has changed since the figures were last saved.');
      return;
    }
    setBusy(true);
    try {
      const body: SaveFiguresRequest = { year, figures };
      const res = await api.put<SaveFiguresResponse>('/indicators/figures', body);
      setSaved(res.body);
      announce(`Figures for ${res.body.year} saved.`);
      if (choice === NEW_YEAR) setChoice(res.body.year);
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.details && typeof err.details === 'object')
        setErrors(err.details as Record<string, string>);
      setFailure(err instanceof ApiError ? err.message : 'The figures could not be saved. Please try again.');
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save();
  };

  return (
    <form className={styles.form} onSubmit={submit} aria-labelledby={headingId} noValidate data-testid="figures-form">
      <h2 id={headingId} className={styles.h2}>
        Enter figures
      </h2>
      <p className={styles.hint}>
        As submitted to NHS England for the WRES. Leave a box empty if you do not have the figure; empty a box to remove a figure.
      </p>
      <div className={styles.years}>
        <Field label="Year">
          <Select value={choice} onChange={(_e, d) => setChoice(d.value)}>
            {data.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
            <option value={NEW_YEAR}>Another year…</option>
          </Select>
        </Field>
        {choice === NEW_YEAR && (
          <Field label="New year" hint="For example 2025/26" validationMessage={errors.year}>
            <Input value={newYear} onChange={(_e, d) => setNewYear(d.value)} />
          </Field>
        )}
      </div>
      {sections.map((s) => (
        <fieldset key={s.id} className={styles.fieldset}>
          <legend className={styles.legend}>{s.title}</legend>
          <div className={styles.grid}>
            {s.measures.map((m) => (
              <Field key={m} label={capital(measureLabel(m))} hint={KIND_HINT[measureKind(m)]} validationMessage={errors[m]}>
                <Input
                  inputMode="decimal"
                  value={drafts[m] ?? ''}
                  onChange={(_e, d) => setDrafts((prev) => ({ ...prev, [m]: d.value }))}
                  data-measure={m}
                />
              </Field>
            ))}
          </div>
        </fieldset>
      ))}
      {saved && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Figures for {saved.year} saved</MessageBarTitle>
            {saved.saved} changed{saved.cleared ? `, ${saved.cleared} removed` : ''}. The trend above now includes them.
          </MessageBarBody>
        </MessageBar>
      )}
      {failure && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{failure}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={busy}>
          {busy ? 'Saving…' : `Save figures${year ? ` for ${year}` : ''}`}
        </Button>
      </div>
    </form>
  );
}
