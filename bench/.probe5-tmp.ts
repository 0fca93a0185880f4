import { performance } from 'node:perf_hooks';
import { addDays, daysBetween, localDate, weekday } from '../bot/src/domain/dates.js';
const N = 5000;
const time = (name: string, f: () => unknown) => { const t = performance.now(); for (let i = 0; i < N; i++) f(); console.log(name, ((performance.now() - t) * 1000 / N).toFixed(1), 'µs'); };
time('addDays', () => addDays('2026-03-25', -7));
time('weekday', () => weekday('2026-03-25'));
time('daysBetween', () => daysBetween('2026-03-25', '2026-03-18'));
time('localDate', () => localDate(new Date('2026-03-17T09:00:00Z'), 'Europe/London'));
