import { AppError } from '../../bot/src/errors.js';

const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/**
 * Parses a manifest template and replaces every `${{NAME}}` inside its
 * strings with `values[NAME]`. Throws an AppError('internal') naming the file
 * when the template is not JSON, and one listing every unknown placeholder.
 */
export function fillTemplate(templateText: string, values: Record<string, string>, fileName: string): Record<string, unknown> {
  let template: unknown;
  try {
    template = JSON.parse(templateText);
  } catch (e) {
    throw new AppError('internal', `${fileName} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!template || typeof template !== 'object' || Array.isArray(template)) {
    throw new AppError('internal', `${fileName} must hold a JSON object (the Teams app manifest).`);
  }
  const unknown = new Set<string>();
  const fill = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (whole, name: string) => {
        if (Object.hasOwn(values, name)) return values[name] ?? '';
        unknown.add(name);
        return whole;
      });
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v)]));
    }
    return node;
  };
  const filled = fill(template) as Record<string, unknown>;
  if (unknown.size > 0) {
    const names = [...unknown].map((n) => `\${{${n}}}`).join(', ');
    throw new AppError(
      'internal',
      `${fileName} uses ${names}, which ${unknown.size === 1 ? 'is not a known variable' : 'are not known variables'}. Known: ${Object.keys(values).join(', ')}.`,
    );
  }
  return filled;
}
