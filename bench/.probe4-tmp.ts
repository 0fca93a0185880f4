import { performance } from 'node:perf_hooks';
import { remindersDue } from '../bot/src/domain/reminder-policy.js';
import { anAction } from '../test/teams/fixtures.js';
const cfg = { offsetsDays: [14, 7, 1, 0], staleAfterDays: 30, timeZone: 'Europe/London' };
const actions = Array.from({ length: 5000 }, (_, i) => anAction({ id: `a${i}`, dueDate: i < 1000 ? '2026-03-25' : '2026-06-30', updatedAt: '2026-03-17T09:00:00Z' }));
const t = performance.now();
let n = 0;
for (const a of actions) n += remindersDue(a, '2026-03-18', cfg, []).length;
console.log(n, 'policy ms total', (performance.now() - t).toFixed(0));
