/**
 * PROACTIVE_INSTALL through the real reminder job and the real bot: owners
 * who never opened the app get it installed through Graph, are reached
 * (through the conversation the bot stores on install, or the chat Graph
 * reports), and those who cannot be are named in the digest with the reason.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../bot/src/domain/clock.js';
import { buildDigest } from '../../bot/src/reminders/digest-builder.js';
import { describeReport } from '../../bot/src/reminders/run-report.js';
import { digestCard } from '../../bot/src/teams/cards/digest-card.js';
import { makeImportedAction, makeImportedProgress } from '../store/fixtures.js';
import { allTexts } from '../teams/cards/card-check.js';
import { CATALOG_ID, someone, startInstallRig, type InstallRig, type Someone } from './install-rig.js';

const asha = someone('Asha Patel', { withId: true });
const cara = someone('Cara Singh');
const dev = someone('Dev Rao', { withId: true });
const ella = someone('Ella Moss', { withId: true });
const guest = someone('Gil Guest', { withId: true, upn: 'gil_partner.org#EXT#@trust.onmicrosoft.com' });
const blocked = someone('Bea Blocked');
const unlicensed = someone('Una Unlicensed');
const neverInTeams = someone('Nia Never');
const throttled = someone('Theo Throttled');
/** Named in the plan, but not in the directory: they have left. */
const left: Someone = { ...someone('Len Left'), id: 'not-in-directory' };

const DUE = '2026-03-25';
const planFor = (people: Someone[]) =>
  people.map((p, i) =>
    makeImportedAction({ ref: `1.${i + 1}`, planYear: '2025/26', title: `Action for ${p.displayName}`, owner: p.planned, dueDate: DUE }),
  );
const cardsTo = (rig: InstallRig, conversationId: string) =>
  rig.connector.sentCards(conversationId).map((c) => allTexts(c).find((t) => t.startsWith('WRES action')));

let rig: InstallRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

describe.each(['sqlite', 'sharepoint'] as const)('proactive installation (%s store)', (store) => {
  it('installs the app for an owner who never opened it, waits for Teams to tell the bot, then reminds them there', async () => {
    rig = await startInstallRig({ store, people: [asha, cara], plan: planFor([cara]) });
    const report = await rig.remind('2026-03-18T09:00:00Z');

    expect(report.sent).toEqual([expect.objectContaining({ subject: 'action 1.1', stage: 'due-7', who: 'Cara Singh', installed: true })]);
    expect(describeReport(report)).toContain(
      'Sent the 7-day reminder for action 1.1 to Cara Singh (the app was installed for them first).',
    );
    expect(rig.graph.teams.installations.map((i) => [i.userId, i.teamsAppId])).toEqual([[cara.id, CATALOG_ID]]);
    // The bot stored the conversation from Teams' update; the reminder went there, after one short greeting.
    const chat = `a:update-${cara.id}`;
    expect(String(rig.connector.sentActivities(chat)[0]?.text)).toMatch(
      /^Hello Cara — your organisation has added the WRES action tracker/,
    );
    expect(cardsTo(rig, chat)).toEqual(['WRES action 1.1 · due in 7 days (Wed 25 Mar)']);
    // From now on the plan knows her account; the next run needs no install.
    expect((await rig.store.listActions())[0]!.owner?.aadObjectId).toBe(cara.id);
    const installsBefore = rig.graph.batchedRequests.filter((r) => r.includes('/teamwork/installedApps')).length;
    const next = await rig.remind('2026-03-24T09:00:00Z');
    expect(next.sent).toEqual([expect.objectContaining({ stage: 'due-1', who: 'Cara Singh' })]);
    expect(next.sent[0]!.installed).toBeUndefined();
    expect(rig.graph.batchedRequests.filter((r) => r.includes('/teamwork/installedApps')).length).toBe(installsBefore);
  });

  it('reaches someone whose install update never comes through the chat Graph reports, after a bounded wait', async () => {
    rig = await startInstallRig({ store, people: [asha, dev], plan: planFor([dev]) });
    await rig.appInstalledFor(asha);
    rig.timing.set(dev.id, 'never');
    const report = await rig.remind('2026-03-18T09:00:00Z');

    expect(report.sent).toEqual([expect.objectContaining({ who: 'Dev Rao', installed: true })]);
    expect(rig.timer.sleeps.reduce((a, b) => a + b, 0)).toBe(10_000);
    const chatId = rig.graph.teams.installations.find((i) => i.userId === dev.id)!.chatId;
    expect(cardsTo(rig, chatId)).toEqual(['WRES action 1.1 · due in 7 days (Wed 25 Mar)']);
    // Built from the chat id and the Bot Connector address Teams gave the bot for this tenant (Asha's).
    expect(await rig.store.getConversation(dev.id)).toMatchObject({
      reference: { serviceUrl: rig.connector.url, conversation: { id: chatId }, channelId: 'msteams' },
    });
  });
});

describe('who cannot be reached, and why (SQLite store)', () => {
  it('installs through the scheduler’s run as the server does, and the digest says who is still to be installed', async () => {
    const later = someone('Lou Later');
    // Lou's action is due in June and was updated last week: no reminder is due for it yet.
    const recent = [makeImportedProgress({ text: 'Started', submittedAt: '2026-03-11T10:00:00Z' })];
    const plan = [
      ...planFor([cara]),
      makeImportedAction({ ref: '9.1', planYear: '2025/26', owner: later.planned, dueDate: '2026-06-30', history: recent }),
    ];
    rig = await startInstallRig({ store: 'sqlite', people: [asha, cara, later], plan });
    await rig.schedule('2026-03-18T09:20:00Z');
    expect(cardsTo(rig, `a:update-${cara.id}`)).toEqual(['WRES action 1.1 · due in 7 days (Wed 25 Mar)']);
    const digest = await buildDigest({ store: rig.store, clock: fixedClock('2026-03-23T09:00:00Z'), config: rig.config });
    expect(digest.unreachable).toEqual([
      {
        owner: 'Lou Later',
        reason: 'has not opened the app in Teams yet; it is installed for them with their first reminder',
        openActions: 1,
      },
    ]);
  });

  it('names each, with the reason in words, in the run report and the E&D lead’s digest; retries them next run', async () => {
    const people = [asha, ella, guest, blocked, unlicensed, neverInTeams, throttled, left];
    rig = await startInstallRig({ store: 'sqlite', people: people.filter((p) => p !== left), plan: planFor(people.slice(1)) });
    await rig.appInstalledFor(asha);
    rig.graph.teams.blocked.add(blocked.id);
    rig.graph.teams.unlicensed.add(unlicensed.id);
    rig.graph.teams.notInTeams.add(neverInTeams.id);
    // Ella installed the app once but her conversation was never stored: Graph answers 409, and Teams sends nothing.
    rig.graph.teams.installations.push({
      id: 'ella-install',
      userId: ella.id,
      teamsAppId: CATALOG_ID,
      chatId: '19:ella-chat@unq.gbl.spaces',
    });
    rig.timing.set(ella.id, 'never');
    // Throttled inside the $batch, as Graph does: that step alone is sent again after its Retry-After.
    rig.graph.script.push({
      where: 'step',
      status: 429,
      retryAfter: '2',
      match: new RegExp(`POST /users/${throttled.id}/teamwork`),
      times: 1,
    });

    const report = await rig.remind('2026-03-18T09:00:00Z');
    expect(report.sent.map((s) => s.who).sort()).toEqual(['Ella Moss', 'Theo Throttled']);
    expect(cardsTo(rig, '19:ella-chat@unq.gbl.spaces')).toHaveLength(1);
    const skipped = Object.fromEntries(report.skipped.map((s) => [s.who, `${s.reason}: ${s.detail}`]));
    expect(skipped).toEqual({
      'Gil Guest':
        'not-installed: the app could not be installed for them: they have a guest account, and Teams apps cannot be installed for guests',
      'Bea Blocked':
        'not-installed: the app could not be installed for them: Teams refused (HTTP 403) — an app permission policy in the Teams admin centre blocks it for them',
      'Una Unlicensed': 'not-installed: the app could not be installed for them: they have no licence that includes Teams',
      'Nia Never':
        'not-installed: the app could not be installed for them: Teams has no account for them (no Teams licence, or they have never signed in to Teams)',
      'Len Left':
        "not-installed: the app could not be installed for them: there is no account for len.left@example.nhs.uk in your organisation's directory (they may have left)",
    });
    expect(describeReport(report)).toContain(
      'Did not send the 7-day reminder for action 1.3 to Bea Blocked: the app could not be installed for them: Teams refused (HTTP 403) — an app permission policy in the Teams admin centre blocks it for them.',
    );

    const digest = await buildDigest({ store: rig.store, clock: fixedClock('2026-03-23T09:00:00Z'), config: rig.config });
    const lines = allTexts(digestCard(digest));
    expect(lines).toContain('Not reachable in Teams');
    expect(lines).toContain(
      'Una Unlicensed — the app could not be installed for them: they have no licence that includes Teams · 1 open action',
    );
    expect(lines.some((l) => l.startsWith('Len Left — the app could not be installed for them: there is no account for'))).toBe(true);
    expect(digest.unreachable.map((u) => u.owner).sort()).toEqual(['Bea Blocked', 'Gil Guest', 'Len Left', 'Nia Never', 'Una Unlicensed']);

    // The next run tries them again: a licence granted since is enough.
    rig.graph.teams.unlicensed.delete(unlicensed.id);
    const again = await rig.remind('2026-03-19T09:00:00Z');
    expect(again.sent.filter((s) => s.stage === 'due-7').map((s) => `${s.who}${s.installed ? ' (installed)' : ''}`)).toEqual([
      'Una Unlicensed (installed)',
    ]);
    expect((await rig.store.listReminders(`install:${blocked.mail}`))[0]).toMatchObject({ state: 'failed', attempts: 2 });
  });

  it('says the service lacks the permission when Graph refuses every install for that reason, and logs it once', async () => {
    rig = await startInstallRig({ store: 'sqlite', people: [cara, dev], plan: planFor([cara, dev]) });
    rig.graph.teams.missingPermission = true;
    const report = await rig.remind('2026-03-18T09:00:00Z');
    expect(report.skipped.map((s) => s.detail)).toEqual([
      'the app could not be installed for them: this service is not allowed to install it (grant TeamsAppInstallation.ReadWriteSelfForUser.All; see docs/deploy.md)',
      'the app could not be installed for them: this service is not allowed to install it (grant TeamsAppInstallation.ReadWriteSelfForUser.All; see docs/deploy.md)',
    ]);
    expect(rig.logger.lines.filter((l) => l.level === 'error').map((l) => l.message)).toEqual([
      'Graph refused to install the Teams app: grant TeamsAppInstallation.ReadWriteSelfForUser.All (docs/deploy.md)',
    ]);
  });

  it('warns the admin when Teams refuses every installation with 403, as when the app calling Graph is not the manifest’s', async () => {
    rig = await startInstallRig({ store: 'sqlite', people: [cara, dev], plan: planFor([cara, dev]) });
    rig.graph.teams.blocked.add(cara.id).add(dev.id);
    await rig.remind('2026-03-18T09:00:00Z');
    expect(rig.logger.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toContain(
      "Teams refused every installation with 403: unless a policy blocks the app for all of them, the Entra app calling Graph is not the one in the manifest's webApplicationInfo (docs/deploy.md)",
    );
  });

  it('looks the catalogue id up once from the manifest id, and not at all when TEAMS_APP_CATALOG_ID is set', async () => {
    rig = await startInstallRig({ store: 'sqlite', people: [cara, dev], plan: planFor([cara, dev]) });
    await rig.remind('2026-03-18T09:00:00Z');
    expect(rig.graph.requests.filter((r) => r.startsWith('GET /v1.0/appCatalogs/teamsApps'))).toHaveLength(1);
    await rig.close();

    rig = await startInstallRig({ store: 'sqlite', people: [cara], plan: planFor([cara]), env: { TEAMS_APP_CATALOG_ID: CATALOG_ID } });
    expect((await rig.remind('2026-03-18T09:00:00Z')).sent).toHaveLength(1);
    expect(rig.graph.requests.filter((r) => r.includes('appCatalogs'))).toEqual([]);
  });

  it('says so when the app is not in the catalogue, or the catalogue may not be read', async () => {
    rig = await startInstallRig({ store: 'sqlite', people: [cara], plan: planFor([cara]), env: { TEAMS_APP_ID: 'not-uploaded' } });
    expect((await rig.remind('2026-03-18T09:00:00Z')).skipped[0]!.detail).toBe(
      "the app could not be installed for them: it is not in your organisation's Teams app catalogue (upload it in the Teams admin centre, or check TEAMS_APP_ID)",
    );
    rig.graph.teams.refuseCatalog = true;
    expect((await rig.remind('2026-03-19T09:00:00Z')).skipped[0]!.detail).toBe(
      'the app could not be installed for them: this service may not read the Teams app catalogue (set TEAMS_APP_CATALOG_ID, or grant AppCatalog.Read.All)',
    );
  });

  it('with PROACTIVE_INSTALL off, does what it always did: reports the owner, asks Graph nothing', async () => {
    rig = await startInstallRig({ store: 'sqlite', people: [cara], plan: planFor([cara]), env: { PROACTIVE_INSTALL: 'false' } });
    const report = await rig.remind('2026-03-18T09:00:00Z');
    expect(report.skipped).toEqual([
      expect.objectContaining({
        who: 'Cara Singh',
        reason: 'no-conversation',
        detail: 'has not installed the app in Teams, so no reminder can reach them',
      }),
    ]);
    expect(rig.graph.requests).toEqual([]);
  });
});
