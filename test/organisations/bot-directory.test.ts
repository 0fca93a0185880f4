/**
 * The bot's side of membership from the directory: Teams activities carry
 * no groups claim, so the sender is looked up once per activity. A person
 * whose companyName is North's is served there; a lead by group id is a
 * lead; when the directory cannot be asked the card says so, never "you are
 * not in any organisation".
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DirectoryFacts, DirectoryMembership, DirectoryQuestion } from '../../bot/src/domain/directory-membership.js';
import { chatOf, LEAD, OLLIE, say, startOrgHarness, type OrgHarness } from './org-bot-harness.js';

const LEADS_GROUP = 'dddddddd-0000-4000-8000-00000000000d';
const text = (x: unknown) => JSON.stringify(x);

/** A directory that answers what it is told to, and records each question. */
class RecordingDirectory implements DirectoryMembership {
  readonly asked: { personId: string; question: DirectoryQuestion }[] = [];
  constructor(public answer: (personId: string) => DirectoryFacts) {}
  async lookUp(personId: string, question: DirectoryQuestion): Promise<DirectoryFacts> {
    this.asked.push({ personId, question });
    return this.answer(personId);
  }
}

let h: OrgHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('the bot with membership from the directory', () => {
  it('makes a lead of a member of a listed group and a viewer of a person by companyName, asking once per message', async () => {
    const directory = new RecordingDirectory((id) =>
      id === OLLIE.aadObjectId
        ? { kind: 'known', groups: [LEADS_GROUP], value: null }
        : { kind: 'known', groups: [], value: 'north trust nhs ' },
    );
    h = await startOrgHarness({
      env: { DIRECTORY_GROUPS: 'true' },
      northOrg: { leads: [LEADS_GROUP], directoryValues: ['North Trust NHS'] },
      directory,
    });
    await h.post(say(h, OLLIE, 'digest'));
    const lead = text(h.connector.sentActivities(chatOf(OLLIE)));
    expect(lead).not.toContain('You are not in any organisation');
    // A lead's digest of North: its overdue action by name.
    expect(lead).toContain('NORTH overdue disciplinary review');
    expect(directory.asked).toEqual([{ personId: OLLIE.aadObjectId, question: { groupIds: [LEADS_GROUP], attribute: 'companyName' } }]);

    // With North's leads replaced by the group, Lynne is in no list; her companyName makes her one of North's viewers.
    await h.post(say(h, LEAD, 'my actions'));
    const viewer = text(h.connector.sentActivities(chatOf(LEAD)));
    expect(viewer).not.toContain('You are not in any organisation');
    expect(viewer).toContain('North Trust');
    expect(directory.asked).toHaveLength(2);
  });

  it('says the directory could not be checked when it cannot be asked', async () => {
    const directory = new RecordingDirectory(() => ({
      kind: 'unavailable',
      reason: 'the directory (Microsoft Entra) could not be reached',
    }));
    h = await startOrgHarness({ northOrg: { directoryValues: ['North Trust NHS'] }, directory });
    await h.post(say(h, OLLIE, 'my actions'));
    const reply = text(h.connector.sentActivities(chatOf(OLLIE)));
    expect(reply).toContain('Your access could not be checked just now');
    expect(reply).toContain('could not be reached');
    expect(reply).not.toContain('You are not in any organisation');
  });
});
