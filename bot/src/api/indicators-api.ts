import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../config.js';
import { compareByDue, type ActionView } from '../domain/action-view.js';
import type { Clock } from '../domain/clock.js';
import { figuresByYear, indicatorTrends, modelEmployer, type IndicatorTrend } from '../domain/indicator-evidence.js';
import { figureProblem, inconsistentFigures, isMeasure, measureLabel, normaliseFigureYear } from '../domain/indicator-figures.js';
import { worsenedIndicators } from '../domain/indicator-progress.js';
import { INDICATORS } from '../domain/indicators.js';
import type { IndicatorMetric } from '../domain/model.js';
import { isClosed } from '../domain/rules.js';
import { AppError } from '../errors.js';
import type { PlanStore } from '../store/plan-store.js';
import { callerOf } from './caller.js';
import type { IndicatorEvidence, IndicatorsResponse, ModelEmployerResponse, SaveFiguresResponse } from './contract.js';
import { planViews, viewContext } from './views.js';

type Deps = { config: Pick<Config, 'TIMEZONE' | 'STALE_AFTER_DAYS' | 'MODEL_EMPLOYER_GOAL_PERCENT'>; store: PlanStore; clock: Clock };

/**
 * Routes under /api/indicators (the caller is already authenticated; a JSON
 * body parser is mounted in front):
 * GET / — every indicator's trend beside the actions citing it, and which worsened;
 * GET /model-employer?year= — BME share by band cluster against the goal;
 * PUT /figures — a year's figures, E&D leads only (403 otherwise, 400 naming each bad field).
 */
export function indicatorRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    const caller = callerOf(res);
    const metrics = await deps.store.listMetrics();
    const trends = indicatorTrends(metrics);
    const views = planViews(caller, viewContext(deps.config, deps.clock));
    const body: IndicatorsResponse = {
      years: yearsOf(metrics),
      indicators: trends.map((t) => evidence(t, views)),
      worsened: worsenedIndicators(trends, caller.actions),
      figures: storedFigures(metrics),
      canEditFigures: caller.actor.isLead,
    };
    res.json(body);
  });

  router.get('/model-employer', async (req, res) => {
    const asked = typeof req.query.year === 'string' && req.query.year.trim() ? req.query.year : undefined;
    const year = asked === undefined ? undefined : normaliseFigureYear(asked);
    if (asked !== undefined && !year)
      throw new AppError('bad_input', `The year "${asked}" should look like 2019/20.`, { details: { year: 'should look like 2019/20' } });
    res.json(modelEmployerView(await deps.store.listMetrics(), year, deps.config.MODEL_EMPLOYER_GOAL_PERCENT));
  });

  router.put('/figures', async (req, res) => {
    const caller = callerOf(res);
    if (!caller.actor.isLead) throw new AppError('forbidden', 'Only E&D leads can enter WRES figures. Ask your E&D lead to update them.');
    const input = parseFigures(req.body);
    const metrics = await deps.store.listMetrics();
    const stored = figuresByYear(metrics).get(input.year) ?? new Map<string, number | null>();
    const merged = new Map(stored);
    for (const [k, v] of Object.entries(input.figures)) merged.set(k, v);
    const clashes = Object.entries(inconsistentFigures(merged)).filter(([k]) => k in input.figures);
    if (clashes.length) throw badFigures(Object.fromEntries(clashes));
    const now = deps.clock.now().toISOString();
    const changed = Object.entries(input.figures).filter(([k, v]) => (stored.get(k) ?? null) !== v);
    await deps.store.saveMetrics(changed.map(([measure, value]) => ({ year: input.year, measure, value, source: 'tab', updatedAt: now })));
    const body: SaveFiguresResponse = {
      year: input.year,
      saved: changed.filter(([, v]) => v !== null).length,
      cleared: changed.filter(([, v]) => v === null).length,
      figures:
        storedFigures([...merged].map(([measure, value]) => ({ year: input.year, measure, value, source: 'tab', updatedAt: now })))[
          input.year
        ] ?? {},
    };
    res.json(body);
  });

  return router;
}

function evidence(trend: IndicatorTrend, views: ActionView[]): IndicatorEvidence {
  const info = INDICATORS[trend.indicator - 1]!;
  const linked = views.filter((v) => v.indicators.includes(trend.indicator));
  const open = linked.filter((v) => !isClosed(v)).sort(compareByDue);
  const done = linked.filter((v) => isClosed(v)).sort(compareByDue);
  return {
    indicator: trend.indicator,
    shortName: info.shortName,
    description: info.description,
    unit: trend.unit,
    values: trend.values,
    direction: trend.direction,
    latest: trend.values.filter((v) => v.value !== null).at(-1) ?? null,
    actions: [...open, ...done],
    openActions: open.length,
  };
}

const byYear = (a: string, b: string) => a.localeCompare(b, 'en-GB', { numeric: true });

function yearsOf(metrics: readonly IndicatorMetric[]): string[] {
  return [...new Set(metrics.filter((m) => m.value !== null).map((m) => m.year))].sort(byYear);
}

function storedFigures(metrics: readonly IndicatorMetric[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const m of metrics) if (m.value !== null) (out[m.year] ??= {})[m.measure] = m.value;
  return out;
}

/** The Model Employer view for `year` (default: the newest year with band figures). */
function modelEmployerView(
  metrics: readonly IndicatorMetric[],
  year: string | undefined,
  configuredGoal: number | undefined,
): ModelEmployerResponse {
  const years = figuresByYear(metrics);
  const bandYears = [...years]
    .filter(([, f]) => [...f].some(([k, v]) => k.startsWith('band.') && v !== null))
    .map(([y]) => y)
    .sort(byYear);
  const shown = year ?? bandYears.at(-1) ?? null;
  const figures = (shown && years.get(shown)) || new Map<string, number | null>();
  const white = figures.get('workforce.white');
  const bme = figures.get('workforce.bme');
  const workforce = typeof white === 'number' && typeof bme === 'number' && white + bme > 0 ? (bme / (white + bme)) * 100 : null;
  const rows = modelEmployer(figures, configuredGoal);
  return {
    year: shown,
    years: bandYears,
    goalPercent: rows?.[0]?.goalPercent ?? configuredGoal ?? null,
    goalSource: configuredGoal === undefined ? 'workforce' : 'configured',
    workforceBmePercent: workforce,
    rows,
  };
}

const figuresSchema = z.object({
  year: z.string({ error: 'is missing' }).max(20, 'should look like 2019/20'),
  figures: z.record(z.string().max(60), z.number({ error: 'must be a number' }).nullable(), { error: 'must be an object of figures' }),
});

function badFigures(details: Record<string, string>): AppError {
  const named = Object.entries(details).map(([k, m]) =>
    k === 'form' ? m : k === 'year' ? `the year ${m}` : m.startsWith(measureLabel(k)) ? m : `${measureLabel(k)} ${m}`,
  );
  return new AppError('bad_input', `These figures need fixing: ${named.join('; ')}.`, { details });
}

/** Validates a PUT body; rejects with `bad_input` whose details name every field to fix. */
function parseFigures(raw: unknown): { year: string; figures: Record<string, number | null> } {
  const parsed = figuresSchema.safeParse(raw);
  if (!parsed.success) {
    const details: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const [top, key] = issue.path;
      const field = top === 'figures' && typeof key === 'string' ? key : top === 'year' ? 'year' : 'form';
      details[field] ??= field === 'form' ? 'The figures could not be read: send { year, figures }.' : issue.message;
    }
    throw badFigures(details);
  }
  const details: Record<string, string> = {};
  const year = normaliseFigureYear(parsed.data.year);
  if (!year) details.year = 'should look like 2019/20';
  for (const [measure, value] of Object.entries(parsed.data.figures)) {
    const problem = isMeasure(measure) ? figureProblem(measure, value) : 'is not a WRES measure';
    if (problem) details[measure] = problem;
  }
  if (Object.keys(parsed.data.figures).length === 0) details.form = 'No figures were sent.';
  if (Object.keys(details).length) throw badFigures(details);
  return { year: year!, figures: parsed.data.figures };
}
