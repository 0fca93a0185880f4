import { Button } from '@fluentui/react-components';
import { PrintRegular } from '@fluentui/react-icons';
import { useApp } from '../../app-context.js';
import { DownloadButtons } from '../../components/DownloadButtons.js';
import { exportQuery, type PlanViewState } from './plan-view-state.js';

/** CSV and Excel downloads of the current view (the API applies the same filters), and the printable board paper. */
export function ExportBar({ view, onPrint }: { view: PlanViewState; onPrint: () => void }) {
  const { api, announce } = useApp();
  return (
    <DownloadButtons
      api={api}
      pathFor={(format) => `/export?${exportQuery(view, format)}`}
      fileNameFor={(format) => `wres-action-plan.${format}`}
      announce={announce}
    >
      <Button icon={<PrintRegular />} onClick={onPrint}>
        Print board paper
      </Button>
    </DownloadButtons>
  );
}
