import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { RAG_LABELS, STATUS_LABELS, type Rag, type Status } from '../lib/domain.js';

// A plain span rather than Fluent's Badge: the plan can show hundreds at once and each must stay cheap.
const useStyles = makeStyles({
  // Wraps rather than spill into the next column when its column is narrow (A4 print, small screens).
  badge: {
    display: 'inline-block',
    maxWidth: '100%',
    boxSizing: 'border-box',
    whiteSpace: 'normal',
    overflowWrap: 'break-word',
    flexShrink: 0,
    padding: `0 ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid transparent`,
    fontSize: tokens.fontSizeBase200,
    lineHeight: '18px',
    fontWeight: tokens.fontWeightSemibold,
  },
  Red: { backgroundColor: tokens.colorPaletteRedBackground3, color: tokens.colorNeutralForegroundOnBrand },
  Amber: { backgroundColor: tokens.colorPaletteYellowBackground3, color: tokens.colorNeutralForeground1Static },
  Green: { backgroundColor: tokens.colorPaletteGreenBackground3, color: tokens.colorNeutralForegroundOnBrand },
  Blue: { backgroundColor: tokens.colorBrandBackground, color: tokens.colorNeutralForegroundOnBrand },
  None: { border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`, color: tokens.colorNeutralForeground2 },
  CarriedOver: {
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStrokeAccessible}`,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground3,
  },
});

/**
 * A RAG rating as a badge that always carries its word ("Amber", "Blue —
 * complete"), never colour alone. Given the action's `status`, an action
 * carried into the next plan year shows "Carried over" instead: its own state.
 */
export function RagBadge({ rag, status }: { rag: Rag; status?: Status }) {
  const styles = useStyles();
  const state = status === 'CarriedOver' ? 'CarriedOver' : rag;
  return (
    <span className={mergeClasses(styles.badge, styles[state])} data-rag={state}>
      {state === 'CarriedOver' ? STATUS_LABELS.CarriedOver : RAG_LABELS[rag]}
    </span>
  );
}
