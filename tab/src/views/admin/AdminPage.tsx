import { Button, MessageBar, MessageBarActions, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import type { AdminOrganisation, AdminOrganisationsResponse } from '../../api/types.js';
import { PageHeading } from '../../components/PageHeading.js';
import { errorMessage, LoadError, Loading } from '../../components/Status.js';
import { OrganisationForm, SETTINGS } from './OrganisationForm.js';

const useStyles = makeStyles({
  intro: { color: tokens.colorNeutralForeground2, maxWidth: '48rem' },
  list: { display: 'grid', gap: tokens.spacingVerticalM, listStyleType: 'none', padding: 0, margin: `${tokens.spacingVerticalM} 0` },
  card: {
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    overflowWrap: 'anywhere',
  },
  h2: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalL} 0 0` },
  h3: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    // On a phone each label sits above its value, so addresses and settings get the whole width.
    '@media (max-width: 480px)': { gridTemplateColumns: 'minmax(0, 1fr)', rowGap: 0 },
  },
  term: { color: tokens.colorNeutralForeground2, '@media (max-width: 480px)': { marginTop: tokens.spacingVerticalS } },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS },
});

const orgName = (o: { id: string; name: string }) => `${o.name} (${o.id})`;

/**
 * The platform admin's page: every registered organisation (add, edit,
 * remove) and the oversight groups. Works without an organisation chosen,
 * since an admin may belong to none; the service refuses anyone else (shown).
 */
export default function AdminPage({ api }: { api: ApiClient }) {
  const styles = useStyles();
  const [data, setData] = useState<AdminOrganisationsResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<AdminOrganisation | 'new' | null>(null);
  const [removing, setRemoving] = useState<AdminOrganisation | null>(null);
  const [status, setStatus] = useState('');
  const load = useCallback(() => {
    setError(null);
    api.get<AdminOrganisationsResponse>('/admin/organisations').then(setData, setError);
  }, [api]);
  useEffect(load, [load]);

  const saved = (org: AdminOrganisation) => {
    setStatus(`${orgName(org)} saved.`);
    setEditing(null);
    load();
  };
  const remove = async (org: AdminOrganisation) => {
    try {
      await api.delete(`/admin/organisations/${encodeURIComponent(org.id)}`);
      setStatus(`${orgName(org)} removed. Its plan data stays in its store.`);
      setRemoving(null);
      load();
    } catch (e) {
      setStatus(`${orgName(org)} could not be removed: ${errorMessage(e)}`);
    }
  };

  if (error && !data) return <LoadError error={error} what="the organisations" onRetry={load} />;
  if (!data) return <Loading label="Loading the organisations…" />;
  return (
    <>
      <PageHeading>Organisations</PageHeading>
      <p className={styles.intro}>
        The organisations this deployment serves, each with its own plan, people and settings. Managing them does not let you read their
        plans: only their E&D leads, viewers and action owners can.
      </p>
      <p role="status">{status}</p>
      {editing ? (
        <OrganisationForm
          api={api}
          editing={editing === 'new' ? null : editing}
          defaults={data.settings}
          directoryAttribute={data.directoryAttribute}
          onSaved={saved}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <Button appearance="primary" onClick={() => setEditing('new')}>
          Add an organisation
        </Button>
      )}
      {data.organisations.length === 0 && (
        <p>No organisation is registered: the app serves one organisation configured by its environment.</p>
      )}
      <h2 className={styles.h2}>Registered organisations</h2>
      <ul className={styles.list}>
        {data.organisations.map((o) => (
          <li key={o.id} className={styles.card}>
            <h3 className={styles.h3}>
              <bdi>{o.name}</bdi> ({o.id})
            </h3>
            <dl className={styles.facts}>
              <dt className={styles.term}>E&D leads</dt>
              <dd>{o.leads.join(', ') || 'None'}</dd>
              <dt className={styles.term}>Viewers</dt>
              <dd>{o.viewers.join(', ') || 'None'}</dd>
              {o.directoryValues.length > 0 && (
                <>
                  <dt className={styles.term}>Viewers by {data.directoryAttribute}</dt>
                  <dd>{o.directoryValues.map((v) => `“${v}”`).join(', ')}</dd>
                </>
              )}
              <dt className={styles.term}>Own settings</dt>
              <dd>
                {SETTINGS.filter((setting) => o.settings[setting.name] !== undefined)
                  .map((setting) => `${setting.label}: ${o.settings[setting.name]}`)
                  .join(' · ') || 'All defaults'}
              </dd>
            </dl>
            {removing?.id === o.id ? (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>Remove {orgName(o)}? Its people lose access at once; its plan data stays in its store.</MessageBarBody>
                <MessageBarActions>
                  <Button onClick={() => void remove(o)}>Remove</Button>
                  <Button onClick={() => setRemoving(null)}>Keep</Button>
                </MessageBarActions>
              </MessageBar>
            ) : (
              <div className={styles.actions}>
                <Button onClick={() => setEditing(o)} aria-label={`Edit ${orgName(o)}`}>
                  Edit
                </Button>
                <Button onClick={() => setRemoving(o)} aria-label={`Remove ${orgName(o)}`}>
                  Remove
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <h2 className={styles.h2}>Oversight groups</h2>
      {data.groups.length === 0 ? (
        <p>No ICB or region is registered (add them with the command line: wres group add).</p>
      ) : (
        <ul className={styles.list}>
          {data.groups.map((g) => (
            <li key={g.id} className={styles.card}>
              <bdi>{g.name}</bdi> ({g.id}, {g.kind === 'icb' ? 'ICB' : 'region'}): {g.members.join(', ') || 'no members'}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
