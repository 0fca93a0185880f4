import type { Clock, Timer } from '../domain/clock.js';
import type { ConversationRef, Person, ReminderSent } from '../domain/model.js';
import { leaseEnd } from '../domain/reminder-ledger.js';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { PlanStore, ReminderKey } from '../store/plan-store.js';
import type { AppInstaller, InstallResult, InstallTarget } from './app-installer.js';
import { ConversationDirectory } from './recipients.js';

/** Ledger stage of installing the app for a person. */
const INSTALL_STAGE = 'install';
const POLL_MS = 2_000;

/** A stable key for a person: object id, else email, in lower case. */
export function personKey(person: Pick<Person, 'aadObjectId' | 'email'>): string {
  return (person.aadObjectId || person.email || '').trim().toLowerCase();
}

/**
 * The ledger key of installing the app for `person`: one entry per person,
 * so that two runs (or instances) never install for the same person at
 * once, and a refusal stays visible with its reason until an install works.
 */
export function installKey(person: Pick<Person, 'aadObjectId' | 'email'>): ReminderKey {
  return { actionId: `install:${personKey(person)}`, stage: INSTALL_STAGE, dueDate: '' };
}

/** The ledger's install entries by person key (see `installKey`). */
export function installEntries(ledger: readonly ReminderSent[]): Map<string, ReminderSent> {
  return new Map(ledger.filter((e) => e.stage === INSTALL_STAGE).map((e) => [e.actionId.slice('install:'.length), e]));
}

/** Whether a person can now be reached, after trying to install the app for them. */
export type InstallReach =
  | { kind: 'reachable'; conversation: ConversationRef }
  /** `lasting`: refused until someone changes something (licence, policy, account); otherwise a passing failure. */
  | { kind: 'not-reachable'; reason: string; lasting: boolean };

/** Who a chat found through Graph belongs to. */
export interface ChatPerson {
  aadObjectId: string;
  displayName: string;
  email?: string;
}

/** Builds the conversation reference for a chat id Graph reported (the chat adapter's job); `known` are the stored ones. */
export type ChatConversation = (person: ChatPerson, chatId: string, known: readonly ConversationRef[], now: Date) => ConversationRef;

/** What proactive installation works with. */
export interface ProactiveInstallDeps {
  installer: AppInstaller;
  store: PlanStore;
  clock: Clock;
  timer: Timer;
  logger: Logger;
  chatConversation: ChatConversation;
  /** REMINDER_LEASE_MINUTES: how long a run holds an install it is making. */
  leaseMinutes: number;
  /** PROACTIVE_INSTALL_WAIT_SECONDS, in milliseconds: the longest wait for Teams to tell the bot about the installs. */
  waitMs: number;
  pollMs?: number;
}

/**
 * Makes people who have never opened the app reachable in Teams
 * (PROACTIVE_INSTALL): installs it for them through the AppInstaller, then
 * waits — at most `waitMs`, all of a run's installs together — for the
 * `conversationUpdate` Teams sends the bot on install, which stores their
 * conversation. Whoever is still missing then is reached through the chat
 * Graph reports for the installation; if there is none yet, the reminder
 * waits for the next run. Each attempt is kept in the reminder ledger
 * (`installKey`), so a refusal is named, with its reason, in the digest.
 */
export class ProactiveInstaller {
  constructor(private readonly deps: ProactiveInstallDeps) {}

  /** How each person (by `personKey`) can be reached now. Never rejects for one person. */
  async reach(people: readonly Person[]): Promise<Map<string, InstallReach>> {
    const unique = [...new Map(people.filter((p) => personKey(p)).map((p) => [personKey(p), p])).values()];
    const reach = new Map<string, InstallReach>();
    const mine: Person[] = [];
    for (const person of unique) {
      const claim = await this.claim(person);
      if (claim) reach.set(personKey(person), claim);
      else mine.push(person);
    }
    if (mine.length === 0) return reach;
    const targets: InstallTarget[] = mine.map((p) => ({
      key: personKey(p),
      ...(p.aadObjectId ? { aadObjectId: p.aadObjectId } : {}),
      ...(p.email ? { email: p.email } : {}),
    }));
    const results = await this.deps.installer.install(targets);
    const installed: { person: Person; aadObjectId: string }[] = [];
    for (const person of mine) {
      const result: InstallResult = results.get(personKey(person)) ?? {
        kind: 'failed',
        reason: 'the app could not be installed for them yet',
      };
      if (result.kind === 'installed') installed.push({ person, aadObjectId: result.aadObjectId });
      else reach.set(personKey(person), await this.failed(person, result.reason, result.kind === 'refused'));
    }
    for (const [key, r] of await this.conversationsFor(installed)) reach.set(key, r);
    return reach;
  }

  /** Claims the person's install entry; null when this run holds it, else why not. */
  private async claim(person: Person): Promise<InstallReach | null> {
    const now = this.deps.clock.now();
    try {
      const claim = await this.deps.store.claimReminder({
        ...installKey(person),
        recipient: personKey(person),
        sentAt: now.toISOString(),
        leaseUntil: leaseEnd(now, this.deps.leaseMinutes),
      });
      if (claim !== 'held') return null;
      return {
        kind: 'not-reachable',
        reason: 'another run is installing the app for them; the next run sends the reminder',
        lasting: false,
      };
    } catch (e) {
      return { kind: 'not-reachable', reason: `the reminder ledger could not be written (${describeError(e)})`, lasting: false };
    }
  }

  /** Waits for the installs' conversations, then falls back on the chats Graph reports; settles each person's ledger entry. */
  private async conversationsFor(installed: { person: Person; aadObjectId: string }[]): Promise<Map<string, InstallReach>> {
    const reach = new Map<string, InstallReach>();
    const { timer, store, waitMs } = this.deps;
    let waiting = installed;
    let known: ConversationRef[];
    for (let waited = 0; ;) {
      known = await store.listConversations();
      const directory = new ConversationDirectory(known);
      waiting = waiting.filter(({ person, aadObjectId }) => {
        const conversation = directory.forPerson({ aadObjectId }) ?? directory.forPerson(person);
        if (conversation) reach.set(personKey(person), { kind: 'reachable', conversation });
        return !conversation;
      });
      if (waiting.length === 0 || waited >= waitMs) break;
      const step = Math.min(this.deps.pollMs ?? POLL_MS, waitMs - waited);
      await timer.sleep(step);
      waited += step;
    }
    const chats = waiting.length ? await this.deps.installer.chatIds(waiting.map((w) => w.aadObjectId)) : new Map<string, string>();
    const unsaved = new Set<string>();
    for (const { person, aadObjectId } of waiting) {
      const chatId = chats.get(aadObjectId);
      if (!chatId) {
        const why = 'the app was installed for them, but Teams has not yet said how to reach them; the next run sends the reminder';
        reach.set(personKey(person), await this.failed(person, why, false));
        continue;
      }
      const who: ChatPerson = { aadObjectId, displayName: person.displayName, ...(person.email ? { email: person.email } : {}) };
      const conversation = this.deps.chatConversation(who, chatId, known, this.deps.clock.now());
      reach.set(personKey(person), { kind: 'reachable', conversation });
      try {
        await store.saveConversation(conversation);
      } catch (e) {
        // Reachable for this run; the next run installs (409) and finds the chat again.
        unsaved.add(personKey(person));
        await this.failed(person, `how to reach them could not be saved (${describeError(e)})`, false);
      }
    }
    for (const { person, aadObjectId } of installed) {
      if (reach.get(personKey(person))?.kind === 'reachable' && !unsaved.has(personKey(person))) await this.settled(person, aadObjectId);
    }
    return reach;
  }

  /**
   * Marks the install done, and links the person's actions named by email
   * to their account, as first contact does: from now on they are matched by object id.
   */
  private async settled(person: Person, aadObjectId: string): Promise<void> {
    try {
      if (!person.aadObjectId && person.email) await this.deps.store.linkOwnerObjectId(person.email, aadObjectId);
      await this.deps.store.markReminderSent(installKey(person), this.deps.clock.now().toISOString());
    } catch (e) {
      this.logLedger(e);
    }
  }

  private async failed(person: Person, reason: string, lasting: boolean): Promise<InstallReach> {
    await this.deps.store
      .markReminderFailed(installKey(person), { reason, at: this.deps.clock.now().toISOString() })
      .catch((e: unknown) => this.logLedger(e));
    return { kind: 'not-reachable', reason, lasting };
  }

  private logLedger(e: unknown): void {
    this.deps.logger.error('The reminder ledger could not record an installation', { error: describeError(e) });
  }
}
