import type { Command } from 'commander';
import { linkLabel, type CarryOverItem, type CarryOverPlan } from '../../domain/carry-over.js';
import { parseDueDate, shortDate } from '../../domain/dates.js';
import type { Action } from '../../domain/model.js';
import { AppError } from '../../errors.js';
import { normalisePlanYear } from '../../importers/plan-year.js';
import { CarryOverService, type CarryOverResult } from '../../service/carry-over.js';
import type { CliContext } from '../context.js';
import { clip, plural } from '../text.js';

interface CarryOverFlags {
  dryRun?: boolean;
  due: string[];
  by: string;
}

/**
 * `wres carry-over FROM TO [--dry-run] [--due REF=DATE]… [--by NAME]`: copies
 * every open action of plan year FROM into TO (same ref, new due date, a link
 * back) and marks the originals "Carried over". Running it again copies
 * nothing twice. Exit 2 when an action could not be carried (after carrying the rest).
 */
export function register(program: Command, ctx: CliContext): void {
  program
    .command('carry-over')
    .description(
      'Carry every unfinished action of one plan year into the next: a copy with the same ref and a new due date (default: the same day a year later), linked to the original, which is marked "Carried over". Safe to run again.',
    )
    .argument('<from>', 'the plan year to carry over, e.g. 2026/27')
    .argument('<to>', 'the plan year to carry it into, e.g. 2027/28')
    .option('--dry-run', 'show what would be carried over, with the new due dates, without saving anything')
    .option('--due <ref=date>', 'a different new due date for one action, e.g. 2.3=30/6/2028 or 2.3=none (repeatable)', collect, [])
    .option('--by <name>', 'who is carrying the plan over, for the actions’ history', 'the E&D team')
    .action(async (from: string, to: string, flags: CarryOverFlags) => runCarryOver(ctx, from, to, flags));
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function runCarryOver(ctx: CliContext, rawFrom: string, rawTo: string, flags: CarryOverFlags): Promise<void> {
  const from = planYear(rawFrom);
  const to = planYear(rawTo);
  const service = new CarryOverService(await ctx.store(), ctx.clock);
  const plan = await service.preview(from, to);
  const dueDates = chosenDates(flags.due, plan);
  if (flags.dryRun) {
    printPlan(ctx, await service.preview(from, to, dueDates));
    return;
  }
  const result = await service.run({ from, to, dueDates, by: { name: flags.by }, source: 'api' });
  printResult(ctx, result);
  if (result.notCarried.length > 0) ctx.exitCode = 2;
}

function planYear(raw: string): string {
  const year = normalisePlanYear(raw);
  if (!year) throw new AppError('bad_input', `“${raw}” is not a plan year: write it like 2026/27.`);
  return year;
}

/** `--due REF=DATE` values as new due dates by action id; an unknown ref or an unreadable date is refused before anything is saved. */
function chosenDates(values: string[], plan: CarryOverPlan): Map<string, string | null> {
  const byRef = new Map(plan.items.map((i) => [i.action.ref, i.action]));
  const dates = new Map<string, string | null>();
  for (const value of values) {
    const eq = value.indexOf('=');
    const ref = value.slice(0, eq).trim();
    const action = eq > 0 ? byRef.get(ref) : undefined;
    if (!action)
      throw new AppError('bad_input', `--due ${value}: ${plan.from} has no open action ${ref || '(no ref given)'} to carry over.`);
    const parsed = parseDueDate(value.slice(eq + 1));
    if (parsed.kind === 'invalid') throw new AppError('bad_input', `--due ${value}: ${parsed.reason}.`);
    dates.set(action.id, parsed.kind === 'date' ? parsed.date : null);
  }
  return dates;
}

function printPlan(ctx: CliContext, plan: CarryOverPlan): void {
  const copies = plan.items.filter((i) => i.kind !== 'blocked').length;
  if (plan.items.length === 0) {
    ctx.out(`Dry run: nothing was saved. ${nothingToDo(plan)}`);
    return;
  }
  ctx.out(
    `Dry run: nothing was saved. Carrying ${plan.from} into ${plan.to} would carry over ${plural(copies, 'open action')}${leftAlone(plan)}:`,
  );
  for (const item of plan.items) ctx.out(itemLine(item, plan.to));
  ctx.out('Change a new due date with --due REF=DATE; run again without --dry-run to carry the plan over.');
}

function printResult(ctx: CliContext, result: CarryOverResult): void {
  const { plan, carried, notCarried } = result;
  if (plan.items.length === 0) {
    ctx.out(nothingToDo(plan));
    return;
  }
  if (carried.length > 0) {
    ctx.out(
      `Carried ${plural(carried.length, 'action')} over from ${plan.from} into ${plan.to}: each has a copy with the same ref, and the original is marked "Carried over".`,
    );
    for (const c of carried)
      ctx.out(`  ${c.action.ref.padEnd(6)} ${clip(c.action.title, 60)} → ${linkLabel(c.copy)}, ${dueWords(c.dueDate)}`);
  }
  if (notCarried.length > 0) {
    ctx.err(`${plural(notCarried.length, 'action was', 'actions were')} not carried over:`);
    for (const n of notCarried) ctx.err(`  ${n.action.ref.padEnd(6)} ${clip(n.action.title, 60)}: ${n.reason}`);
  }
}

function itemLine(item: CarryOverItem, to: string): string {
  const head = `${item.action.ref.padEnd(6)} ${clip(item.action.title, 60)}`;
  switch (item.kind) {
    case 'copy':
      return `  copy     ${head} — ${dueChange(item.action, item.dueDate)}`;
    case 'finish':
      return `  finish   ${head} — its copy is already in ${to}; only the original is marked carried over`;
    case 'blocked':
      return `  blocked  ${head} — ${item.reason}`;
  }
}

function dueChange(action: Action, dueDate: string | null): string {
  const before = action.dueDate ? `due ${shortDate(action.dueDate)}` : 'no due date';
  return `${before} → ${dueWords(dueDate)}`;
}

function dueWords(dueDate: string | null): string {
  return dueDate ? `due ${shortDate(dueDate)}` : 'no due date';
}

/** "12 complete and 3 carried over before", or '' when the year has neither. */
function closedWords(plan: CarryOverPlan): string {
  const { complete, carriedBefore } = plan.left;
  return [complete ? `${complete} complete` : '', carriedBefore ? `${carriedBefore} carried over before` : '']
    .filter(Boolean)
    .join(' and ');
}

function leftAlone(plan: CarryOverPlan): string {
  const closed = closedWords(plan);
  return closed ? ` (leaving ${closed} where they are)` : '';
}

function nothingToDo(plan: CarryOverPlan): string {
  const closed = closedWords(plan);
  return `Nothing to carry over: ${plan.from} has no open actions${closed ? ` (${closed})` : ''}.`;
}
