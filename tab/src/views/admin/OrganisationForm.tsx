import { Button, Field, Input, MessageBar, MessageBarBody, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { ApiError, type ApiClient } from '../../api/client.js';
import type { AdminFieldErrors, AdminOrganisation, OrgSettingName, SaveOrganisationRequest } from '../../api/types.js';

const useStyles = makeStyles({
  form: {
    display: 'grid',
    rowGap: tokens.spacingVerticalM,
    maxWidth: '40rem',
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  fieldset: { border: 0, padding: 0, margin: 0, display: 'grid', rowGap: tokens.spacingVerticalS },
  legend: { fontWeight: tokens.fontWeightSemibold, marginBottom: tokens.spacingVerticalXS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** Each setting's label and what to type; the hint adds the environment variable whose value is the default. */
export const SETTINGS: { name: OrgSettingName; label: string; example: string }[] = [
  { name: 'reminderOffsetsDays', label: 'Reminder days before the deadline', example: 'e.g. 14,7,1' },
  { name: 'bankHolidays', label: 'Bank holidays of', example: 'england-and-wales, scotland or northern-ireland' },
  { name: 'modelEmployerGoalPercent', label: 'Model Employer goal, BME %', example: 'e.g. 19' },
  { name: 'timeZone', label: 'Time zone', example: 'e.g. Europe/London' },
  { name: 'staleAfterDays', label: 'Days without an update before an action is stale', example: 'e.g. 30' },
];

/**
 * The platform admin's form for one organisation (new when `editing` is
 * null): ODS code, name, people and settings as text. The service checks
 * every field; its messages show beside the fields and nothing typed is lost.
 */
export function OrganisationForm({
  api,
  editing,
  defaults,
  directoryAttribute,
  onSaved,
  onCancel,
}: {
  api: ApiClient;
  editing: AdminOrganisation | null;
  defaults: Record<OrgSettingName, string>;
  /** The directory attribute directory values are matched against (DIRECTORY_ATTRIBUTE), e.g. companyName. */
  directoryAttribute: string;
  onSaved: (org: AdminOrganisation) => void;
  onCancel: () => void;
}) {
  const styles = useStyles();
  const [draft, setDraft] = useState<SaveOrganisationRequest>(() => ({
    id: editing?.id ?? '',
    name: editing?.name ?? '',
    leads: editing?.leads.join('\n') ?? '',
    viewers: editing?.viewers.join('\n') ?? '',
    directoryValues: editing?.directoryValues.join('\n') ?? '',
    siteUrl: editing?.siteUrl ?? '',
    settings: Object.fromEntries(SETTINGS.map((s) => [s.name, editing?.settings[s.name] ?? ''])),
  }));
  const [errors, setErrors] = useState<AdminFieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof SaveOrganisationRequest) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const setSetting = (name: OrgSettingName) => (value: string) => setDraft((d) => ({ ...d, settings: { ...d.settings, [name]: value } }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const res = editing
        ? await api.put<AdminOrganisation>(`/admin/organisations/${encodeURIComponent(editing.id)}`, draft)
        : await api.post<AdminOrganisation>('/admin/organisations', draft);
      setErrors({});
      onSaved(res.body);
    } catch (err) {
      const fields = err instanceof ApiError && err.status === 400 ? (err.details as AdminFieldErrors | undefined) : undefined;
      setErrors(fields ?? {});
      setFailure(err instanceof ApiError ? err.message : 'The organisation could not be saved. Please try again.');
    } finally {
      setBusy(false);
    }
  };

  const field = (key: 'id' | 'name' | 'siteUrl', label: string, hint?: string) => (
    <Field label={label} hint={hint} validationMessage={errors[key]} required={key !== 'siteUrl'}>
      <Input value={draft[key] ?? ''} onChange={(_, d) => set(key)(d.value)} />
    </Field>
  );
  const people = (key: 'leads' | 'viewers', label: string) => (
    <Field label={label} hint="Emails or Entra object or group ids, one a line" validationMessage={errors[key]}>
      <Textarea value={draft[key] ?? ''} onChange={(_, d) => set(key)(d.value)} resize="vertical" />
    </Field>
  );

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} aria-labelledby="organisation-form" noValidate>
      <h2 id="organisation-form" className={styles.h2}>
        {editing ? `Edit ${editing.name} (${editing.id})` : 'Add an organisation'}
      </h2>
      {failure && (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>{failure}</MessageBarBody>
        </MessageBar>
      )}
      {!editing && field('id', 'ODS code', 'The NHS organisation code, e.g. RXX')}
      {field('name', 'Name')}
      {people('leads', 'E&D leads')}
      {people('viewers', 'Board members and other viewers')}
      <Field
        label={`Also viewers: everyone whose ${directoryAttribute} is`}
        hint={`One value a line, exactly as the directory holds it (case and surrounding spaces aside); a value never matches part of another`}
        validationMessage={errors.directoryValues}
      >
        <Textarea value={draft.directoryValues ?? ''} onChange={(_, d) => set('directoryValues')(d.value)} resize="vertical" />
      </Field>
      {field('siteUrl', 'SharePoint site', 'Its own site, e.g. https://nhs.sharepoint.com/sites/wres-rxx (SharePoint deployments)')}
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Settings (empty: the deployment’s default)</legend>
        {SETTINGS.map((s) => (
          <Field
            key={s.name}
            label={s.label}
            hint={`${s.example}; default from ${defaults[s.name]}`}
            validationMessage={errors[`settings.${s.name}`]}
          >
            <Input value={draft.settings?.[s.name] ?? ''} onChange={(_, d) => setSetting(s.name)(d.value)} />
          </Field>
        ))}
      </fieldset>
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy}>
          {editing ? 'Save changes' : 'Add organisation'}
        </Button>
        <Button onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
