import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { IMPORTED_AT, makeImportedPlan } from './fixtures.js';

const WORKER = fileURLToPath(new URL('./sqlite-race-worker.ts', import.meta.url));
const ACTIONS = 5;
const ROUNDS = 20;

interface WorkerResult {
  claimed: number;
  recorded: number;
  conflicts: number;
  /** `actionId@version` the process saw for each update it recorded. */
  recordedAt: string[];
}

interface Racer {
  ready: Promise<void>;
  go(): void;
  result: Promise<WorkerResult>;
}

/** Starts a worker process on `file`; it opens the store, reports ready, and races once told to go. */
function startRacer(file: string, name: string): Racer {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, file, name, String(ROUNDS)], {
    stdio: ['pipe', 'pipe', 'inherit'],
    timeout: 60_000,
  });
  let out = '';
  let markReady: () => void = () => undefined;
  let failReady: (e: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    out += chunk;
    if (out.startsWith('ready\n')) markReady();
  });
  const result = new Promise<WorkerResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      failReady(new Error(`${name} exited before it was ready`));
      if (code !== 0) return reject(new Error(`${name} exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as WorkerResult);
    });
  });
  return { ready, result, go: () => child.stdin.end('go\n') };
}

describe('two processes sharing one SQLite file', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wres-race-'));
    file = join(dir, 'wres.db');
    const store = new SqlitePlanStore(file);
    await store.init();
    await store.importActions(makeImportedPlan(ACTIONS), IMPORTED_AT);
    await store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('send each reminder once and accept at most one update per action version', async () => {
    const racers = [startRacer(file, 'process-a'), startRacer(file, 'process-b')];
    await Promise.all(racers.map((r) => r.ready));
    for (const r of racers) r.go();
    const [a, b] = await Promise.all(racers.map((r) => r.result));
    if (!a || !b) throw new Error('a racer gave no result');

    expect(a.claimed + b.claimed).toBe(ACTIONS * ROUNDS);
    const attempts = ACTIONS * ROUNDS * 2;
    expect(a.recorded + a.conflicts + b.recorded + b.conflicts).toBe(attempts);
    const recordedAt = [...a.recordedAt, ...b.recordedAt];
    expect(new Set(recordedAt).size).toBe(recordedAt.length);

    const store = new SqlitePlanStore(file);
    await store.init();
    try {
      const reminders = await store.listReminders();
      expect(reminders).toHaveLength(ACTIONS * ROUNDS);
      const updates = (await store.health()).updates - ACTIONS;
      expect(updates).toBe(a.recorded + b.recorded);
      for (const action of await store.listActions()) {
        const live = (await store.listUpdates(action.id)).filter((u) => u.source === 'teams');
        expect(action.version).toBe(1 + live.length);
      }
    } finally {
      await store.close();
    }
  });
});
