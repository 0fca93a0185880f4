import { safeText } from './escape.js';
import { adaptiveCard, openPlanAction, text, type CardElement } from './parts.js';

/** A short card with a heading and a message: refusals, "not found", "nothing to do". */
export interface MessageCardModel {
  title: string;
  /** Plain text; escaped for markdown. */
  message: string;
  /** `attention` for refusals and problems (with words that say so), `info` otherwise. */
  tone?: 'info' | 'attention';
  /** Adds an "Open the plan" button. */
  planUrl?: string;
}

/** Builds an informational or refusal card. */
export function messageCard(model: MessageCardModel): CardElement {
  const attention = model.tone === 'attention';
  const body: CardElement[] = [
    text(safeText(model.title, 200), { weight: 'Bolder', size: 'Medium', ...(attention ? { color: 'Attention' } : {}) }),
    text(safeText(model.message, 2000), { spacing: 'Small' }),
  ];
  return adaptiveCard(body, model.planUrl ? [openPlanAction(model.planUrl)] : []);
}
