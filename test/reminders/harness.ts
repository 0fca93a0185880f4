/**
 * Shared set-up for the reminder and digest job tests: a temp SQLite plan
 * store seeded with people and actions, a recording Notifier, and config.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../bot/src/config.js';
import type { Action, ConversationRef, Person } from '../../bot/src/domain/model.js';
import type { Digest } from '../../bot/src/reminders/digest.js';
import type { Notifier, ReminderContext, SendResult } from '../../bot/src/reminders/notifier.js';
import type { NewAction } from '../../bot/src/store/plan-store.js';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { makeConversation, makeNewAction } from '../store/fixtures.js';

export const ASHA: Person = {
  displayName: 'Asha Patel',
  email: 'asha.patel@example.nhs.uk',
  aadObjectId: '11111111-1111-4111-8111-111111111111',
};
export const BEN: Person = {
  displayName: 'Ben Okafor',
  email: 'ben.okafor@example.nhs.uk',
  aadObjectId: '22222222-2222-4222-8222-222222222222',
};
/** Named in the plan by email only, and has not installed the app. */
export const CARA: Person = { displayName: 'Cara Singh', email: 'cara.singh@example.nhs.uk' };
export const LEAD: Person = {
  displayName: 'Dee Lead',
  email: 'dee.lead@example.nhs.uk',
  aadObjectId: '44444444-4444-4444-8444-444444444444',
};

/** The configuration with defaults (offsets 14, 7, 1, 0; stale after 30 days; Europe/London). */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', ED_LEADS: LEAD.email!, ...env });
}

/** A Teams conversation for `person`, with its own conversation id. */
export function conversationFor(person: Person, serviceUrl = 'https://smba.trafficmanager.net/uk/'): ConversationRef {
  const id = person.aadObjectId ?? person.email!;
  return makeConversation({
    aadObjectId: id,
    ...(person.email ? { email: person.email } : {}),
    displayName: person.displayName,
    reference: {
      conversation: { id: `a:chat-${id}`, conversationType: 'personal', tenantId: 'tenant-1' },
      serviceUrl,
      channelId: 'msteams',
      bot: { id: '28:bot-id', name: 'WRES Action Tracker' },
      user: { id: `29:${id}`, aadObjectId: id },
    },
  });
}

/** A temp folder holding one plan database file; `open()` gives a new store instance on it. */
export class TempPlan {
  readonly dir = mkdtempSync(join(tmpdir(), 'wres-reminders-'));
  readonly path = join(this.dir, 'plan.db');
  private readonly opened: SqlitePlanStore[] = [];

  async open(): Promise<SqlitePlanStore> {
    const store = new SqlitePlanStore(this.path);
    await store.init();
    this.opened.push(store);
    return store;
  }

  /** Imports actions (ref → overrides) stamped `importedAt`, and returns them by ref. */
  async seed(
    store: SqlitePlanStore,
    actions: Record<string, Partial<NewAction>>,
    importedAt = '2026-03-02T09:00:00Z',
  ): Promise<Record<string, Action>> {
    const items = Object.entries(actions).map(([ref, o]) => ({
      action: makeNewAction({ ref, planYear: '2025/26', title: `Action ${ref}`, ...o }),
      history: [],
    }));
    await store.importActions(items, importedAt);
    const byRef: Record<string, Action> = {};
    for (const a of await store.listActions()) byRef[a.ref] = a;
    return byRef;
  }

  async cleanup(): Promise<void> {
    for (const s of this.opened) await s.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

type Sent =
  | { kind: 'reminder'; to: ConversationRef; action: Action; context: ReminderContext }
  | { kind: 'digest'; to: ConversationRef; digest: Digest };

/**
 * A Notifier that records what it was asked to send. `failWith` scripts
 * the next answers for a person; `yieldFirst` makes each send wait a turn
 * of the event loop, so two runs really interleave.
 */
export class RecordingNotifier implements Notifier {
  readonly sent: Sent[] = [];
  private readonly scripted: { aadObjectId: string; result: SendResult; left: number }[] = [];
  private readonly during = new Map<string, () => Promise<void>>();

  constructor(private readonly options: { yieldFirst?: boolean } = {}) {}

  failWith(aadObjectId: string, result: SendResult, times = 1): void {
    this.scripted.push({ aadObjectId, result, left: times });
  }

  /** Runs `fn` while the reminder for action `ref` is being sent (once), as if someone acted meanwhile. */
  whileSending(ref: string, fn: () => Promise<void>): void {
    this.during.set(ref, fn);
  }

  get reminders() {
    return this.sent.filter((s): s is Extract<Sent, { kind: 'reminder' }> => s.kind === 'reminder');
  }

  get digests() {
    return this.sent.filter((s): s is Extract<Sent, { kind: 'digest' }> => s.kind === 'digest');
  }

  async sendReminder(to: ConversationRef, action: Action, context: ReminderContext): Promise<SendResult> {
    const meanwhile = this.during.get(action.ref);
    this.during.delete(action.ref);
    await meanwhile?.();
    return this.answer(to, { kind: 'reminder', to, action, context });
  }

  async sendDigest(to: ConversationRef, digest: Digest): Promise<SendResult> {
    return this.answer(to, { kind: 'digest', to, digest });
  }

  private async answer(to: ConversationRef, record: Sent): Promise<SendResult> {
    if (this.options.yieldFirst) await new Promise((resolve) => setImmediate(resolve));
    const script = this.scripted.find((s) => s.left > 0 && s.aadObjectId === to.aadObjectId);
    if (script) {
      script.left--;
      return script.result;
    }
    this.sent.push(record);
    return { ok: true };
  }
}
