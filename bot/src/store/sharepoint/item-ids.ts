import type { Action, ActionLink, ProgressUpdate, ReminderSent } from '../../domain/model.js';
import type { ActionChange, ImportDiff, ImportedAction } from '../../domain/plan-import.js';
import { AppError } from '../../errors.js';
import type { RecordUpdateCommand, RecordUpdateResult } from '../plan-store.js';

/**
 * How a store's SharePoint item ids look outside it. SharePoint numbers the
 * items of every list from 1 on every site, so two organisations both have an
 * item 12. A registered organisation's ids therefore carry its ODS code
 * (`RXX-12`): an id given to another organisation's store is refused as
 * unknown, never read as that store's own item 12. Inside the store — URLs,
 * link columns, the ledger, the outbox — ids stay raw item ids, so data
 * written before organisations needs no migration.
 */
export interface ItemIds {
  /** The id the app sees for the raw item id (or ledger subject) `raw`. */
  outward(raw: string): string;
  /** The raw item id `id` names in this store; null when `id` is not one of this store's ids. */
  inward(id: string): string | null;
}

/** The implicit organisation's ids: raw item ids, exactly as before organisations. */
export const PLAIN_IDS: ItemIds = { outward: (raw) => raw, inward: (id) => id };

/** A SharePoint item id: a positive whole number. */
const ITEM_ID = /^[1-9]\d*$/;

/**
 * Ids qualified by `orgCode` (an ODS code, [A-Z0-9]{3,5}): item 12 is
 * `RXX-12` (URL-safe as it stands). Only this code followed by an item id
 * comes back in; a bare id or another organisation's is not ours.
 */
export function qualifiedIds(orgCode: string): ItemIds {
  const prefix = `${orgCode}-`;
  return {
    outward: (raw) => prefix + raw,
    inward: (id) => {
      const raw = id.startsWith(prefix) ? id.slice(prefix.length) : '';
      return ITEM_ID.test(raw) ? raw : null;
    },
  };
}

/**
 * Ledger subjects are action ids, or keys of their own for what is not an
 * action (`digest:…`, `install:…`), which pass through unchanged.
 */
const isOwnKey = (subject: string) => subject.includes(':');

/** The ledger subject as stored; null for an action id that is not this store's. */
export function subjectInward(ids: ItemIds, subject: string): string | null {
  return isOwnKey(subject) ? subject : ids.inward(subject);
}

/** What "not one of this store's ids" is answered with: the same as an unknown id. */
export function notOurs(id: string): AppError {
  return new AppError('not_found', `There is no action ${id} in this organisation's plan.`);
}

const linkOut = (ids: ItemIds, link: ActionLink): ActionLink => ({ ...link, id: ids.outward(link.id) });

/** `a` (an action, or one yet to be made) with every id it holds as the app sees it. */
function actionOut<T extends Omit<Action, 'id'> & { id?: string }>(ids: ItemIds, a: T): T {
  if (ids === PLAIN_IDS) return a;
  const out: T = a.id === undefined ? { ...a } : { ...a, id: ids.outward(a.id) };
  if (a.carriedFrom) out.carriedFrom = linkOut(ids, a.carriedFrom);
  if (a.carriedTo) out.carriedTo = linkOut(ids, a.carriedTo);
  return out;
}

function updateOut(ids: ItemIds, u: ProgressUpdate): ProgressUpdate {
  if (ids === PLAIN_IDS) return u;
  const out = { ...u, id: ids.outward(u.id), actionId: ids.outward(u.actionId) };
  if (u.event?.kind === 'carried-over') out.event = { ...u.event, to: linkOut(ids, u.event.to) };
  return out;
}

/** The ids leaving the store, as the app sees them. */
export const outward = {
  action: (ids: ItemIds, a: Action): Action => actionOut(ids, a),
  update: updateOut,
  reminder: (ids: ItemIds, r: ReminderSent): ReminderSent =>
    ids === PLAIN_IDS || isOwnKey(r.actionId) ? r : { ...r, actionId: ids.outward(r.actionId) },
  result(ids: ItemIds, r: RecordUpdateResult): RecordUpdateResult {
    const action = actionOut(ids, r.action);
    if (r.kind === 'recorded' || r.kind === 'duplicate')
      return { ...r, action, update: updateOut(ids, r.update), history: r.history.map((u) => updateOut(ids, u)) };
    return { ...r, action };
  },
  diff(ids: ItemIds, d: ImportDiff): ImportDiff {
    const change = (c: ActionChange): ActionChange => {
      if (c.kind === 'updated') return { ...c, before: actionOut(ids, c.before), after: actionOut(ids, c.after) };
      if (c.kind === 'new') return { ...c, action: actionOut(ids, c.action) };
      return { ...c, action: actionOut(ids, c.action) };
    };
    return { ...d, changes: d.changes.map(change) };
  },
};

/** `link` with its raw id; throws `not_found` naming it when it is not this store's. */
function linkIn(ids: ItemIds, link: ActionLink): ActionLink {
  const raw = ids.inward(link.id);
  if (raw === null) throw notOurs(link.id);
  return { ...link, id: raw };
}

/** The ids coming into the store, as raw item ids; each rejects with `not_found`, naming the id, for one that is not this store's. */
export const inward = {
  command(ids: ItemIds, cmd: RecordUpdateCommand): RecordUpdateCommand {
    const actionId = ids.inward(cmd.update.actionId);
    if (actionId === null) throw notOurs(cmd.update.actionId);
    const { update, next } = cmd;
    const event = update.event?.kind === 'carried-over' ? { ...update.event, to: linkIn(ids, update.event.to) } : update.event;
    return {
      ...cmd,
      update: { ...update, actionId, ...(event ? { event } : {}) },
      next: next.carriedTo ? { ...next, carriedTo: linkIn(ids, next.carriedTo) } : next,
    };
  },
  imported(ids: ItemIds, items: ImportedAction[]): ImportedAction[] {
    return items.map((i) => {
      const { carriedFrom, carriedTo } = i.action;
      if (!carriedFrom && !carriedTo) return i;
      const action = { ...i.action };
      if (carriedFrom) action.carriedFrom = linkIn(ids, carriedFrom);
      if (carriedTo) action.carriedTo = linkIn(ids, carriedTo);
      return { ...i, action };
    });
  },
};
