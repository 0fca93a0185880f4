import { tokens } from '@fluentui/react-components';
import type { Rag } from '../lib/domain.js';

/** Bar fill per RAG rating. Bars are decoration: the word and the number are always shown beside them. */
export const RAG_FILL: Record<Rag, string> = {
  Red: tokens.colorPaletteRedBackground3,
  Amber: tokens.colorPaletteMarigoldBackground3,
  Green: tokens.colorPaletteGreenBackground3,
  Blue: tokens.colorPaletteBlueBorderActive,
  None: tokens.colorNeutralStrokeAccessible,
};

/** Bar fill for actions carried into the next plan year (shown with their word, after the ratings). */
export const CARRIED_OVER_FILL = tokens.colorNeutralForeground3;
