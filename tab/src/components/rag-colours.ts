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
