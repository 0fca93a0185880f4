import { fixedClock } from '../../bot/src/domain/clock.js';
import { main } from '../../bot/src/cli/main.js';

/** What one in-process run of `wres` printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `wres argv…` in-process against `env`, with the clock reading `now`. */
export async function runCli(argv: string[], env: Record<string, string>, now = '2026-11-23T10:00:00.000Z'): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, env, {
    clock: fixedClock(now),
    io: {
      stdout: (chunk) => void (stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')),
      stderr: (chunk) => void (stderr += chunk),
    },
  });
  return { code, stdout, stderr };
}

/** The environment for a CLI test: a SQLite file of its own, no sample plan. */
export function cliEnv(databasePath: string): Record<string, string> {
  return { NODE_ENV: 'test', DATABASE_PATH: databasePath, LOAD_SAMPLE_PLAN: 'false' };
}
