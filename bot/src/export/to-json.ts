import type { Action } from '../domain/model.js';
import type { ExportOptions } from '../domain/plan-table.js';

/** The plan as JSON: `{ actions: [...] }`, each action with its `history` when one was given. */
export function toJson(actions: Action[], options: Pick<ExportOptions, 'history'> = {}): string {
  const withHistory = actions.map((a) => (options.history ? { ...a, history: options.history.get(a.id) ?? [] } : a));
  return `${JSON.stringify({ actions: withHistory }, null, 2)}\n`;
}
