import type { Action } from '../../domain/model.js';

/** An action as last read or written by this instance, with what a guarded write needs. */
export interface KnownAction {
  action: Action;
  eTag: string;
  /** The requestId of the progress update that last moved the action, if any. */
  lastRequestId: string | undefined;
}

/**
 * In-memory index of actions by id. Safe because every write is guarded by
 * the eTag it holds (a stale entry costs a 412 and a re-read, never a lost
 * update); reads reuse an entry only within `ttlMs`, so edits made in
 * SharePoint itself show up soon after.
 */
export class ActionIndex {
  private readonly entries = new Map<string, KnownAction & { at: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  /** The entry if it is younger than the TTL. */
  fresh(id: string): KnownAction | undefined {
    const e = this.entries.get(id);
    return e && this.now() - e.at <= this.ttlMs ? e : undefined;
  }

  /** The entry whatever its age (for eTags, and for answering while SharePoint is unreachable). */
  peek(id: string): KnownAction | undefined {
    return this.entries.get(id);
  }

  set(k: KnownAction): void {
    this.entries.set(k.action.id, { ...k, at: this.now() });
  }

  /** Replaces the whole index with a full read (drops actions deleted in SharePoint). */
  replaceAll(all: KnownAction[]): void {
    this.entries.clear();
    for (const k of all) this.set(k);
  }

  delete(id: string): void {
    this.entries.delete(id);
  }
}
