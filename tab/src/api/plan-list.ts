import type { ActionView, PlanResponse } from './types.js';
import { dueLabel, isOverdue, type IndicatorNumber, type Rag, type Status } from '../lib/domain.js';
import { dayOf } from '../lib/format.js';

/** The latest progress update as the plan list carries it: the day it was sent (in TIMEZONE), not the instant. */
interface PlanItemUpdate {
  text: string;
  authorName: string;
  /** `YYYY-MM-DD`. */
  day: string;
  /** Its evidence links, when it has any. */
  links?: string[];
}

/** One action of the lean plan list, with its due wording and "overdue" worked out for the list's `today`. */
export interface PlanItem extends Pick<
  ActionView,
  'id' | 'ref' | 'planYear' | 'title' | 'theme' | 'ownerLabel' | 'dueDate' | 'dueLabel' | 'overdue' | 'stale'
> {
  indicators: IndicatorNumber[];
  status: Status;
  rag: Rag;
  latest: PlanItemUpdate | null;
}

/** The plan list as the tab uses it. */
export interface PlanList {
  today: string;
  items: PlanItem[];
}

/** Reads GET /api/plan's tuples (contract.ts `PlanRow`) into plan items. */
export function decodePlanList(body: PlanResponse): PlanList {
  const { today, years, themes, people } = body;
  const items = body.actions.map(([id, ref, title, year, theme, indicators, owner, dueDate, status, rag, stale, latest]): PlanItem => {
    const state = { status, dueDate };
    return {
      id,
      ref,
      planYear: years[year] ?? '',
      title,
      theme: themes[theme] ?? '',
      indicators,
      ownerLabel: people[owner] ?? '',
      dueDate,
      status,
      rag,
      stale: stale === 1,
      overdue: isOverdue(state, today),
      dueLabel: dueLabel(state, today),
      latest: latest
        ? { text: latest[0], authorName: people[latest[1]] ?? '', day: latest[2], ...(latest[3] ? { links: latest[3] } : {}) }
        : null,
    };
  });
  return { today, items };
}

/** A full action view (the indicator and "my actions" answers carry these) as a plan item. */
export function itemFromView(view: ActionView): PlanItem {
  const { id, ref, planYear, title, theme, indicators, ownerLabel, dueDate, dueLabel, overdue, stale, status, rag, latestUpdate } = view;
  return {
    ...{ id, ref, planYear, title, theme, indicators, ownerLabel, dueDate, dueLabel, overdue, stale, status, rag },
    latest: latestUpdate
      ? {
          text: latestUpdate.text,
          authorName: latestUpdate.authorName,
          day: dayOf(latestUpdate.submittedAt),
          ...(latestUpdate.links ? { links: latestUpdate.links } : {}),
        }
      : null,
  };
}
