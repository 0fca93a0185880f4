import { isRetryableStatus } from './graph-errors.js';

/** One request inside a JSON `$batch`. `url` is relative to the version root, e.g. `/sites/{id}/lists/{id}/items`. */
export interface BatchStep {
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  dependsOn?: string[];
}

/** One answer from a `$batch`. A step skipped because its dependency failed answers 424. */
export interface BatchAnswer {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

// How GraphApi.batch picks up after a round: which steps to send again and how long to wait first.

/**
 * The steps to send again: those answered 429/503/504, and those skipped
 * (424) because a step they depend on is being sent again. A dependency that
 * has since succeeded is dropped from `dependsOn`.
 */
export function stepsToRepeat(steps: BatchStep[], answers: Map<string, BatchAnswer>): BatchStep[] {
  const again = new Set<string>();
  for (const s of steps) {
    const status = answers.get(s.id)!.status;
    if (isRetryableStatus(status) || (status === 424 && (s.dependsOn ?? []).some((d) => again.has(d)))) again.add(s.id);
  }
  return steps.filter((s) => again.has(s.id)).map((s) => ({ ...s, dependsOn: (s.dependsOn ?? []).filter((d) => again.has(d)) }));
}

/** The Retry-After (in seconds) of the answer that asks for the longest wait, if any asks. */
export function longestRetryAfter(answers: BatchAnswer[]): string | undefined {
  const asked = answers.map((a) => Number(a.headers['retry-after'])).filter((v) => Number.isFinite(v) && v >= 0);
  return asked.length ? String(Math.max(...asked)) : undefined;
}

/** A step Graph left out of its answer: treated as a gateway timeout, so it is sent again. */
export function noAnswer(id: string): BatchAnswer {
  return { id, status: 504, headers: {}, body: { error: { code: 'noAnswer', message: 'No answer for this step.' } } };
}
