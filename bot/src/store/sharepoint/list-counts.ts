import { isTransient } from '../../graph/graph-errors.js';
import type { Logger } from '../../logger.js';
import type { ListAccess } from './list-access.js';

interface Counts {
  actions: number;
  updates: number;
  /** When they were counted (ms); 0 after an import, which asks for a recount. */
  at: number;
}

/**
 * Item counts of the Actions and Progress Updates lists for /healthz and
 * `wres status`, kept off every request path: counting pages through both
 * lists, so the first report (and the first after an import) counts and
 * waits, later ones answer the last figures at once and recount in the
 * background once they are older than `ttlMs`. Updates this instance stores
 * are added as they happen; while SharePoint is unreachable the last figures
 * stand.
 */
export class ListCounts {
  private counts: Counts | null = null;
  private counting: Promise<void> | null = null;

  constructor(
    private readonly lists: ListAccess,
    private readonly now: () => number,
    private readonly ttlMs: number,
    private readonly logger: Logger,
  ) {}

  /** The counts; rejects only when there are none yet and SharePoint cannot give them. */
  async read(): Promise<{ actions: number; updates: number }> {
    if (!this.counts || this.counts.at === 0) {
      try {
        await this.recount();
      } catch (e) {
        if (!this.counts || !isTransient(e)) throw e;
      }
    } else if (this.now() - this.counts.at > this.ttlMs) {
      this.recount().catch((e: unknown) => this.logger.warn('Could not recount the SharePoint lists', { error: String(e) }));
    }
    return { actions: this.counts!.actions, updates: this.counts!.updates };
  }

  /** This instance stored a progress update. */
  addedUpdate(): void {
    if (this.counts) this.counts.updates++;
  }

  /** Many items may have changed (an import): the next read counts again. */
  invalidate(): void {
    if (this.counts) this.counts.at = 0;
  }

  /** Waits for a background recount in flight (before closing). */
  async settled(): Promise<void> {
    await this.counting?.catch(() => undefined);
  }

  private recount(): Promise<void> {
    this.counting ??= (async () => {
      try {
        const [actions, updates] = await Promise.all([
          this.lists.count('actions', 'counting actions'),
          this.lists.count('updates', 'counting updates'),
        ]);
        this.counts = { actions, updates, at: this.now() };
      } finally {
        this.counting = null;
      }
    })();
    return this.counting;
  }
}
