import { tokens, type GriffelStyle } from '@fluentui/react-components';

const headCell: GriffelStyle = {
  textAlign: 'left',
  fontWeight: tokens.fontWeightSemibold,
  color: tokens.colorNeutralForeground2,
  borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
};
const bodyCell: GriffelStyle = { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}` };

/** Cells of the tables that list actions and updates: one look across the plan and "since the last board". */
export const listTableCells = {
  th: { ...headCell, padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}` },
  td: { ...bodyCell, padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`, verticalAlign: 'top' },
} satisfies Record<string, GriffelStyle>;

/** Cells of the tables of indicator figures (trends, Model Employer): compact, left-aligned columns. */
const figurePadding = `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL} ${tokens.spacingVerticalXS} 0`;
export const figureTableCells = {
  th: { ...headCell, padding: figurePadding },
  td: { ...bodyCell, padding: figurePadding },
} satisfies Record<string, GriffelStyle>;

/** Below this width (Teams mobile, a phone, a narrow side panel) tables of actions become stacked cards. */
export const NARROW = '@media screen and (max-width: 899px)';

/** A cell's column name shown above its value when a row is stacked; hidden on wide screens, where the header says it. */
export const stackedCellLabel: GriffelStyle = {
  display: 'none',
  [NARROW]: {
    display: 'block',
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase100,
    fontWeight: tokens.fontWeightSemibold,
  },
};
