import { z } from 'zod';
import type { Logger } from '../logger.js';
import type { UserDirectory } from '../domain/user-directory.js';
import { MAX_BATCH, type GraphApi } from './graph-api.js';
import { describeError } from '../errors.js';

const userSchema = z.object({ id: z.string().min(1) });

/**
 * The organisation's users through Microsoft Graph (`GET /users/{upn}`,
 * application permission User.ReadBasic.All), 20 to a `$batch`, each answer
 * (found or not) remembered for the life of the process. A person Graph does
 * not know, or a directory that refuses (no permission, outage), leaves
 * those emails unresolved, logged once; callers then fall back to email.
 */
export class GraphUserDirectory implements UserDirectory {
  private readonly known = new Map<string, string | null>();

  constructor(
    private readonly graph: GraphApi,
    private readonly logger: Logger,
  ) {}

  async objectIdsFor(emails: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
    const unknown = wanted.filter((e) => !this.known.has(e));
    for (let i = 0; i < unknown.length; i += MAX_BATCH) await this.lookUp(unknown.slice(i, i + MAX_BATCH));
    const found = new Map<string, string>();
    for (const email of wanted) {
      const id = this.known.get(email);
      if (id) found.set(email, id);
    }
    return found;
  }

  private async lookUp(emails: string[]): Promise<void> {
    const steps = emails.map((email, i) => ({
      id: String(i),
      method: 'GET' as const,
      url: `/users/${encodeURIComponent(email)}?$select=id`,
    }));
    try {
      const answers = await this.graph.batch(steps, 'looking up action owners in the directory');
      const refused: number[] = [];
      emails.forEach((email, i) => {
        const answer = answers.get(String(i));
        const user = answer?.status === 200 ? userSchema.safeParse(answer.body) : undefined;
        if (user?.success) this.known.set(email, user.data.id);
        else if (answer?.status === 404) this.known.set(email, null);
        else refused.push(answer?.status ?? 0);
      });
      if (refused.length)
        this.logger.warn('The directory did not resolve some owners; they match by email for now', { statuses: [...new Set(refused)] });
    } catch (e) {
      this.logger.warn('Could not reach the directory to resolve owners; they match by email for now', {
        error: describeError(e),
      });
    }
  }
}
