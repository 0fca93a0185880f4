import type { Action, ActionLink, LatestUpdate, Person, Rag, Status } from './model.js';

/**
 * The state a logged change leaves an action in. A progress update sets the
 * RAG, status and latest update; a reassignment the owner; carrying the action
 * into the next plan year its status and `carriedTo`. Fields left out stay as
 * they are. Both stores apply it with `applyMove`, so the rule lives here once.
 */
export interface ActionMove {
  rag: Rag;
  status: Status;
  /** The newest progress note; absent: unchanged (a reassignment is not progress). */
  latestUpdate?: LatestUpdate;
  /** The new owner; absent: unchanged. */
  owner?: Person | null;
  /** The copy in the next plan year; absent: unchanged. */
  carriedTo?: ActionLink;
  /** ISO instant of the change. */
  updatedAt: string;
}

/** `action` after `move`, one version on. Pure. */
export function applyMove(action: Action, move: ActionMove): Action {
  const moved: Action = { ...action, rag: move.rag, status: move.status, updatedAt: move.updatedAt, version: action.version + 1 };
  if (move.latestUpdate !== undefined) moved.latestUpdate = move.latestUpdate;
  if (move.owner !== undefined) moved.owner = move.owner;
  if (move.carriedTo !== undefined) moved.carriedTo = move.carriedTo;
  return moved;
}
