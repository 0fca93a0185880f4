// The figures a bench reports against a target, printed as they are measured and
// gathered for the summary table that `npm run bench` prints at the end.
// Benchmarks print; they never assert: a target not met is printed as NOT met.
import { loadavg } from 'node:os';

/** One measured figure: what it is, the measurement (a ratio to its reference where there is one) and its target. */
export interface Figure {
  /** What is measured, e.g. "tab: navigation → first rows ÷ minimal page". */
  measure: string;
  /** The figure as it should read in the table, e.g. "1.21×" or "1 warm, 3 cold". */
  value: string;
  /** What the figure was measured against, with its own numbers, e.g. "tab 640 ms ÷ minimal page 530 ms". */
  detail: string;
  /** The target as it should read, e.g. "≤ 1.5×". */
  target: string;
  /** Whether the target is met; null for a figure that is reported without a target. */
  met: boolean | null;
}

/** A line that a child process prints to hand one figure to the parent (see `figuresFrom`). */
const CHILD_PREFIX = 'BENCH-FIGURE ';

const figures: (Figure & { bench: string; load: number })[] = [];
let currentBench = '';

/** Names the bench whose figures follow (run.ts calls this before each bench). */
export function startBench(name: string): void {
  currentBench = name;
}

function verdict(met: boolean | null): string {
  return met === null ? 'reported' : met ? 'met' : 'NOT met';
}

/** Prints one figure with its target and verdict, and keeps it for the summary. */
export function report(figure: Figure): void {
  figures.push({ ...figure, bench: currentBench, load: loadavg()[0]! });
  console.log(`  ${figure.measure}: ${figure.value} (${figure.detail}); target ${figure.target}: ${verdict(figure.met)}`);
}

/** For a bench body running in a child process: hands the figure to the parent on stdout. */
export function reportFromChild(figure: Figure): void {
  console.log(CHILD_PREFIX + JSON.stringify(figure));
}

/** Reports the figures a child printed with `reportFromChild` and returns its other output. */
export function figuresFrom(output: string): string {
  const rest: string[] = [];
  for (const line of output.split('\n')) {
    if (line.startsWith(CHILD_PREFIX)) report(JSON.parse(line.slice(CHILD_PREFIX.length)) as Figure);
    else rest.push(line);
  }
  return rest.join('\n');
}

/** A ratio as the tables print it. */
export function times(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}

/** The median of some numbers. */
export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The summary table of every figure reported in this run (Markdown, so it can go into the README as it is). */
export function printSummary(): void {
  if (figures.length === 0) return;
  const rows = figures.map((f) => [f.measure, f.value, f.target, verdict(f.met), f.detail, f.load.toFixed(1)]);
  const head = ['measure', 'measured', 'target', 'verdict', 'reference (same run)', 'load'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log('\n== summary');
  console.log(line(head));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const r of rows) console.log(line(r));
  const notMet = figures.filter((f) => f.met === false);
  console.log(
    notMet.length === 0
      ? `\nEvery target met (${figures.filter((f) => f.met).length} figures with a target).`
      : `\n${notMet.length} target(s) NOT met: ${notMet.map((f) => f.measure).join('; ')}.`,
  );
}
