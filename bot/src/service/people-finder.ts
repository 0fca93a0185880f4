import { z } from 'zod';
import type { Person } from '../domain/model.js';
import { sameKey } from '../domain/people.js';
import type { UserDirectory } from '../domain/user-directory.js';
import { AppError } from '../errors.js';
import type { PlanStore } from '../store/plan-store.js';

const email = z.email().max(254);

/**
 * Finds the person an email names, for a reassignment. With the
 * organisation's directory (the SharePoint store's Entra directory) the
 * directory decides: the person's name and object id come from it, and an
 * email it does not know is refused. Without one (SQLite), the people the app
 * knows decide: owners in the plan and people who opened the bot in Teams;
 * someone new is accepted only when the lead gives their name too, and is
 * linked to their account when they first open the app.
 */
export class PeopleFinder {
  constructor(
    private readonly store: PlanStore,
    private readonly directory?: UserDirectory,
  ) {}

  /** Rejects with `bad_input` (not an email, nobody by that email) or `unavailable` (the directory cannot answer). */
  async find(address: string, displayName?: string): Promise<Person> {
    const parsed = email.safeParse(address.trim());
    if (!parsed.success)
      throw new AppError('bad_input', `“${address.trim().slice(0, 80)}” is not an email address.`, { details: { to: 'email' } });
    const wanted = parsed.data.toLowerCase();
    if (this.directory) return this.fromDirectory(wanted);
    const known = await this.knownPerson(wanted);
    if (known) return known;
    const name = displayName?.trim();
    if (name) return { displayName: name.slice(0, 255), email: wanted };
    throw new AppError(
      'bad_input',
      `Nobody with the email ${wanted} is known to the app yet (they own no action and have not opened it in Teams). Check the address, or give their name as well to hand the action to them anyway.`,
      { details: { to: 'unknown' } },
    );
  }

  private async fromDirectory(wanted: string): Promise<Person> {
    const answer = await this.directory!.findPerson(wanted);
    if (answer.kind === 'found') return answer.person;
    if (answer.kind === 'not-found')
      throw new AppError('bad_input', `Nobody with the email ${wanted} is in your organisation’s directory. Check the address.`, {
        details: { to: 'unknown' },
      });
    throw new AppError(
      'unavailable',
      `The organisation’s directory could not be asked about ${wanted} (${answer.reason}). Nothing was changed; please try again.`,
    );
  }

  /** Someone the app has met: a plan owner or a Teams user with that email (the one with an object id first). */
  private async knownPerson(wanted: string): Promise<Person | null> {
    const [conversations, actions] = await Promise.all([this.store.listConversations(), this.store.listActions()]);
    const people: Person[] = [
      ...conversations.map((c) => ({ displayName: c.displayName, aadObjectId: c.aadObjectId, ...(c.email ? { email: c.email } : {}) })),
      ...actions.flatMap((a) => (a.owner ? [a.owner] : [])),
    ].filter((p) => sameKey(p.email, wanted));
    const best = people.find((p) => p.aadObjectId) ?? people[0];
    return best ? { ...best, email: best.email ?? wanted } : null;
  }
}
