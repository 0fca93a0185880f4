import type { Clock } from '../domain/clock.js';
import type { DirectoryFacts, DirectoryMembership, DirectoryQuestion } from '../domain/directory-membership.js';

/** People remembered at most: enough for every active user of a national deployment, small in memory (~1 KB each). */
const DEFAULT_MAX_PEOPLE = 20_000;

/**
 * How long "the directory could not be asked" is remembered: long enough
 * that, during an outage, each request does not wait out Graph's retries
 * again; short enough that people are let in soon after it recovers.
 */
const UNAVAILABLE_MS = 30_000;

interface Entry {
  at: number;
  /** The question it answers: a changed registry (other group ids, another attribute) asks again. */
  question: string;
  facts: DirectoryFacts;
}

/**
 * Remembers what the directory said about each person for `ttlMinutes`
 * (DIRECTORY_CACHE_MINUTES), member or not, so a person's requests and
 * messages ask Graph once per period. An `unavailable` answer is
 * remembered for 30 seconds only (`UNAVAILABLE_MS`). At most `maxPeople` are kept;
 * the least recently used goes first. Concurrent lookups of one person share
 * one request.
 */
export class CachedDirectoryMembership implements DirectoryMembership {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<DirectoryFacts>>();
  private readonly ttlMs: number;
  private readonly maxPeople: number;

  constructor(
    private readonly inner: DirectoryMembership,
    private readonly o: { clock: Clock; ttlMinutes: number; maxPeople?: number },
  ) {
    this.ttlMs = o.ttlMinutes * 60_000;
    this.maxPeople = o.maxPeople ?? DEFAULT_MAX_PEOPLE;
  }

  async lookUp(personId: string, question: DirectoryQuestion): Promise<DirectoryFacts> {
    const person = personId.trim().toLowerCase();
    const asked = questionKey(question);
    const now = this.o.clock.now().getTime();
    const hit = this.entries.get(person);
    if (hit) this.entries.delete(person);
    const lasts = hit?.facts.kind === 'known' ? this.ttlMs : Math.min(UNAVAILABLE_MS, this.ttlMs);
    if (hit && hit.question === asked && now - hit.at < lasts) {
      this.entries.set(person, hit);
      return hit.facts;
    }
    const key = `${person}\n${asked}`;
    const running = this.pending.get(key);
    if (running) return running;
    const lookup = this.inner.lookUp(personId, question).then((facts) => {
      this.remember(person, { at: now, question: asked, facts });
      return facts;
    });
    this.pending.set(key, lookup);
    try {
      return await lookup;
    } finally {
      this.pending.delete(key);
    }
  }

  private remember(person: string, entry: Entry): void {
    this.entries.delete(person);
    this.entries.set(person, entry);
    // A Map iterates in insertion order, and every hit re-inserts: the first key is the least recently used.
    while (this.entries.size > this.maxPeople) this.entries.delete(this.entries.keys().next().value!);
  }
}

function questionKey(q: DirectoryQuestion): string {
  return `${q.attribute ?? ''}|${[...new Set(q.groupIds.map((g) => g.trim().toLowerCase()))].sort().join(',')}`;
}
