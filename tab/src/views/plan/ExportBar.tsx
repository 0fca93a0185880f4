import { Button, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular, PrintRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useApp } from '../../app-context.js';
import { errorMessage } from '../../components/Status.js';
import { exportQuery, type PlanViewState } from './plan-view-state.js';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

/** CSV and Excel downloads of the current view (the API applies the same filters), and the printable board paper. */
export function ExportBar({ view, onPrint }: { view: PlanViewState; onPrint: () => void }) {
  const styles = useStyles();
  const { api, announce } = useApp();
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const download = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    setError(null);
    try {
      await api.download(`/export?${exportQuery(view, format)}`, `wres-action-plan.${format}`);
      announce(format === 'csv' ? 'CSV file downloaded.' : 'Excel file downloaded.');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="no-print">
      <div className={styles.bar}>
        <Button icon={<ArrowDownloadRegular />} disabled={busy !== null} onClick={() => void download('csv')}>
          {busy === 'csv' ? 'Preparing CSV…' : 'Export CSV'}
        </Button>
        <Button icon={<ArrowDownloadRegular />} disabled={busy !== null} onClick={() => void download('xlsx')}>
          {busy === 'xlsx' ? 'Preparing Excel…' : 'Export Excel'}
        </Button>
        <Button icon={<PrintRegular />} onClick={onPrint}>
          Print board paper
        </Button>
      </div>
      {error !== null && (
        <MessageBar intent="error" role="alert" layout="multiline" style={{ marginTop: tokens.spacingVerticalS }}>
          <MessageBarBody>{errorMessage(error)}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
