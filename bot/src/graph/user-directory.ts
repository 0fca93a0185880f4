import { z } from 'zod';
import type { Logger } from '../logger.js';
import type { DirectoryAnswer, UserDirectory } from '../domain/user-directory.js';
import { MAX_BATCH, type GraphApi } from './graph-api.js';
import { graphFailure } from './graph-errors.js';

const userSchema = z.object({ id: z.string().min(1) });
const personSchema = userSchema.extend({
  displayName: z.string().nullish(),
  mail: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
});

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

  /** `GET /users/{email}`: the person's name and object id; 404 is "not found", anything else "unavailable" (nothing cached). */
  async findPerson(email: string): Promise<DirectoryAnswer> {
    const key = email.trim().toLowerCase();
    try {
      const body = await this.graph.get(
        `/users/${encodeURIComponent(key)}?$select=id,displayName,mail,userPrincipalName`,
        'looking up the new owner in the directory',
      );
      const user = personSchema.parse(body);
      this.known.set(key, user.id);
      return {
        kind: 'found',
        person: { displayName: user.displayName || user.mail || key, email: user.mail || key, aadObjectId: user.id },
      };
    } catch (e) {
      if (graphFailure(e)?.status === 404) return { kind: 'not-found' };
      this.logger.warn('Could not look a person up in the directory', { status: graphFailure(e)?.status ?? null });
      return {
        kind: 'unavailable',
        reason:
          graphFailure(e)?.status === 403
            ? 'the app may not read the directory (User.ReadBasic.All)'
            : 'the directory could not be reached',
      };
    }
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
        error: e instanceof Error ? e.message : String(e),
      });
    }
  }
}
