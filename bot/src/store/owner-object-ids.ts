import type { Person } from '../domain/model.js';
import type { UserDirectory } from '../domain/user-directory.js';
import type { ImportedAction } from './plan-store.js';

const key = (email: string) => email.trim().toLowerCase();

/**
 * The imported actions with each owner's Entra object id filled in where the
 * directory resolves their email (one directory call for the whole plan).
 * An owner who already has an object id keeps it; an unresolved one keeps
 * matching by email until they first talk to the bot.
 */
export async function withOwnerObjectIds(items: ImportedAction[], directory: UserDirectory): Promise<ImportedAction[]> {
  const needed = [...new Set(items.map((i) => i.action.owner).flatMap((o) => (o?.email && !o.aadObjectId ? [key(o.email)] : [])))];
  if (needed.length === 0) return items;
  const ids = await directory.objectIdsFor(needed);
  const fill = (owner: Person | null): Person | null => {
    const id = owner?.email && !owner.aadObjectId ? ids.get(key(owner.email)) : undefined;
    return id ? { ...owner!, aadObjectId: id } : owner;
  };
  return items.map((i) => ({ ...i, action: { ...i.action, owner: fill(i.action.owner) } }));
}
