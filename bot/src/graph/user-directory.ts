import { z } from 'zod';
import type { Logger } from '../logger.js';
import type { DirectoryAnswer, UserDirectory } from '../domain/user-directory.js';
import { MAX_BATCH, type GraphApi } from './graph-api.js';
import { describeError } from '../errors.js';
import { graphFailure } from './graph-errors.js';

const userSchema = z.object({ id: z.string().min(1), userPrincipalName: z.string().nullish() });
const personSchema = userSchema.extend({ displayName: z.string().nullish(), mail: z.string().nullish() });

/** What the directory said about one key (email, user principal name or object id). */
export type DirectoryLookup =
  | { kind: 'found'; id: string; userPrincipalName: string }
  /** Entra has no such user (404): never existed, or has left. */
  | { kind: 'not-found' }
  /** The directory could not be asked (no permission, an outage): try again later. */
  | { kind: 'unknown'; status: number };

/**
 * The organisation's users through Microsoft Graph (`GET /users/{upn or
 * id}`, application permission User.ReadBasic.All), 20 to a `$batch`, each
 * answer (found or not) remembered for the life of this object. A person
 * Graph does not know, or a directory that refuses (no permission, outage),
 * leaves those emails unresolved, logged once; callers then fall back to email.
 */
export class GraphUserDirectory implements UserDirectory {
  private readonly known = new Map<string, DirectoryLookup>();

  constructor(
    private readonly graph: GraphApi,
    private readonly logger: Logger,
  ) {}

  async objectIdsFor(emails: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const answers = await this.lookUp(emails);
    const found = new Map<string, string>();
    for (const [email, answer] of answers) if (answer.kind === 'found') found.set(email, answer.id);
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
      this.known.set(key, { kind: 'found', id: user.id, userPrincipalName: user.userPrincipalName ?? key });
      return {
        kind: 'found',
        person: { displayName: user.displayName || user.mail || key, email: user.mail || key, aadObjectId: user.id },
      };
    } catch (e) {
      const status = graphFailure(e)?.status;
      if (status === 404) return { kind: 'not-found' };
      this.logger.warn('Could not look a person up in the directory', { status: status ?? null, error: describeError(e) });
      return {
        kind: 'unavailable',
        reason: status === 403 ? 'the app may not read the directory (User.ReadBasic.All)' : 'the directory could not be reached',
      };
    }
  }

  /**
   * What the directory says about each key (an email, a user principal
   * name or an object id), by the key in lower case. Found and not-found
   * answers are remembered; an `unknown` one is asked again next time.
   */
  async lookUp(keys: readonly string[]): Promise<ReadonlyMap<string, DirectoryLookup>> {
    const wanted = [...new Set(keys.map((e) => e.trim().toLowerCase()).filter(Boolean))];
    const unknown = wanted.filter((e) => !this.known.has(e));
    const asked = new Map<string, DirectoryLookup>();
    for (let i = 0; i < unknown.length; i += MAX_BATCH) {
      for (const [key, answer] of await this.ask(unknown.slice(i, i + MAX_BATCH))) asked.set(key, answer);
    }
    return new Map(wanted.map((key) => [key, this.known.get(key) ?? asked.get(key) ?? { kind: 'unknown', status: 0 }]));
  }

  private async ask(keys: string[]): Promise<Map<string, DirectoryLookup>> {
    const steps = keys.map((key, i) => ({
      id: String(i),
      method: 'GET' as const,
      url: `/users/${encodeURIComponent(key)}?$select=id,userPrincipalName`,
    }));
    const answers = new Map<string, DirectoryLookup>();
    try {
      const replies = await this.graph.batch(steps, 'looking up action owners in the directory');
      const refused: number[] = [];
      keys.forEach((key, i) => {
        const reply = replies.get(String(i));
        const user = reply?.status === 200 ? userSchema.safeParse(reply.body) : undefined;
        let answer: DirectoryLookup;
        if (user?.success) answer = { kind: 'found', id: user.data.id, userPrincipalName: user.data.userPrincipalName ?? key };
        else if (reply?.status === 404) answer = { kind: 'not-found' };
        else {
          refused.push(reply?.status ?? 0);
          answer = { kind: 'unknown', status: reply?.status ?? 0 };
        }
        if (answer.kind !== 'unknown') this.known.set(key, answer);
        answers.set(key, answer);
      });
      if (refused.length)
        this.logger.warn('The directory did not resolve some owners; they match by email for now', { statuses: [...new Set(refused)] });
    } catch (e) {
      this.logger.warn('Could not reach the directory to resolve owners; they match by email for now', {
        error: describeError(e),
      });
      for (const key of keys) answers.set(key, { kind: 'unknown', status: -1 });
    }
    return answers;
  }
}
