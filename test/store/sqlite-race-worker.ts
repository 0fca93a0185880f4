// Child process for sqlite-race.test.ts: opens the shared database file and
// races the other process. Usage: node --import tsx sqlite-race-worker.ts FILE NAME ROUNDS
// Prints "ready" once open, waits for a line on stdin so both processes start
// together, then prints one JSON line: { claimed, recorded, conflicts, recordedAt }
// where recordedAt lists `actionId@version` for each update this process recorded.
import { once } from 'node:events';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { makeRecordUpdate, makeReminder } from './fixtures.js';

const [file, name, roundsText] = process.argv.slice(2);
if (!file || !name || !roundsText) throw new Error('usage: sqlite-race-worker FILE NAME ROUNDS');
const rounds = Number(roundsText);

const store = new SqlitePlanStore(file);
await store.init();
const actions = await store.listActions();
process.stdout.write('ready\n');
await once(process.stdin, 'data');
process.stdin.pause();
let claimed = 0;
let recorded = 0;
let conflicts = 0;
const recordedAt: string[] = [];
for (let round = 0; round < rounds; round += 1) {
  for (const action of actions) {
    if ((await store.claimReminder(makeReminder(action.id, { stage: `due-${round}`, recipient: name }))) === 'claimed') claimed += 1;
    const current = await store.getAction(action.id);
    if (!current) throw new Error(`action ${action.id} vanished`);
    const result = await store.recordUpdate(makeRecordUpdate(current, { text: `${name} round ${round}` }));
    if (result.kind === 'recorded') {
      recorded += 1;
      recordedAt.push(`${current.id}@${current.version}`);
    }
    if (result.kind === 'conflict') conflicts += 1;
  }
}
await store.close();
process.stdout.write(`${JSON.stringify({ claimed, recorded, conflicts, recordedAt })}\n`);
