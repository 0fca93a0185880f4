import { describe, expect, it } from 'vitest';
import { RateLimiter, TEAMS_CONVERSATION_LIMITS, perSecond, type RateWindow } from '../../bot/src/teams/rate-limiter.js';
import { VirtualTimer } from './virtual-timer.js';

/** Starts `count` operations at once (keys from `keyOf`) and returns when each was allowed to start. */
async function startTimes(
  limiter: RateLimiter,
  timer: VirtualTimer,
  count: number,
  keyOf: (i: number) => string,
): Promise<{ key: string; at: number }[]> {
  const starts: { key: string; at: number }[] = [];
  await timer.run(
    Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const release = await limiter.acquire(keyOf(i));
        starts.push({ key: keyOf(i), at: timer.now() });
        release();
      }),
    ),
  );
  return starts;
}

/** The most operations found in any window of `windowMs` (windows end at an operation). */
function busiest(times: number[], windowMs: number): number {
  return Math.max(...times.map((end) => times.filter((t) => t > end - windowMs && t <= end).length));
}

describe('RateLimiter', () => {
  it('keeps one conversation under 7 per second, 8 per 2 seconds and 60 per 30 seconds, without waiting longer than needed', async () => {
    const timer = new VirtualTimer();
    const limiter = new RateLimiter({ perKey: TEAMS_CONVERSATION_LIMITS, global: [], timer, marginMs: 0 });
    const times = (await startTimes(limiter, timer, 70, () => 'a:chat')).map((s) => s.at);
    expect(times.slice(0, 10)).toEqual([0, 0, 0, 0, 0, 0, 0, 1000, 2000, 2000]);
    expect(busiest(times, 1000)).toBeLessThanOrEqual(7);
    expect(busiest(times, 2000)).toBeLessThanOrEqual(8);
    expect(busiest(times, 30_000)).toBeLessThanOrEqual(60);
    // 8 per 2 s is the binding limit until 60 per 30 s takes over: the 61st waits for the first to leave the 30 s window.
    expect(times[59]).toBeLessThan(30_000);
    expect(times[60]).toBe(30_000);
  });

  it('holds all conversations together to the app-wide rate, spreading starts evenly', async () => {
    const timer = new VirtualTimer();
    const limiter = new RateLimiter({ perKey: TEAMS_CONVERSATION_LIMITS, global: perSecond(50), timer, marginMs: 0 });
    const times = (await startTimes(limiter, timer, 120, (i) => `a:chat-${i}`)).map((s) => s.at).sort((a, b) => a - b);
    // One every 20 ms, with up to three slots of catch-up allowed at the start.
    expect(times.slice(0, 6)).toEqual([0, 0, 0, 0, 20, 40]);
    expect(busiest(times, 1000)).toBeLessThanOrEqual(50);
    expect(times.at(-1)).toBe(116 * 20);
  });

  it('can burst a whole window at once when smoothing is off', async () => {
    const timer = new VirtualTimer();
    const limiter = new RateLimiter({ perKey: TEAMS_CONVERSATION_LIMITS, global: perSecond(50), timer, marginMs: 0, smooth: false });
    const times = (await startTimes(limiter, timer, 120, (i) => `a:chat-${i}`)).map((s) => s.at);
    expect(times.filter((t) => t === 0)).toHaveLength(50);
    expect(times.filter((t) => t === 1000)).toHaveLength(50);
    expect(times.filter((t) => t === 2000)).toHaveLength(20);
  });

  it('adds the safety margin to every window', async () => {
    const timer = new VirtualTimer();
    const window: RateWindow = { limit: 1, windowMs: 1000 };
    const limiter = new RateLimiter({ perKey: [window], global: [], timer, marginMs: 25 });
    expect((await startTimes(limiter, timer, 2, () => 'k')).map((s) => s.at)).toEqual([0, 1025]);
  });

  it('holds a paused conversation until the pause ends, and only that one', async () => {
    const timer = new VirtualTimer();
    const limiter = new RateLimiter({ perKey: TEAMS_CONVERSATION_LIMITS, global: [], timer });
    limiter.pause('a:slow', 5000);
    const starts = await startTimes(limiter, timer, 2, (i) => (i === 0 ? 'a:slow' : 'a:other'));
    expect(starts).toEqual([
      { key: 'a:other', at: 0 },
      { key: 'a:slow', at: 5000 },
    ]);
  });

  it('holds everyone during a global pause', async () => {
    const timer = new VirtualTimer();
    const limiter = new RateLimiter({ perKey: [], global: [], timer });
    limiter.pause(null, 2500);
    expect((await startTimes(limiter, timer, 3, (i) => `k${i}`)).map((s) => s.at)).toEqual([2500, 2500, 2500]);
  });

  it('counts an operation until one window after it finished, so slow sends never crowd the server’s window', async () => {
    const timer = new VirtualTimer();
    const limiter = new RateLimiter({ perKey: [{ limit: 1, windowMs: 1000 }], global: [], timer, marginMs: 0 });
    let secondAt = -1;
    await timer.run(
      (async () => {
        const releaseFirst = await limiter.acquire('k');
        const second = limiter.acquire('k').then((release) => {
          secondAt = timer.now();
          release();
        });
        await timer.sleep(300);
        releaseFirst();
        await second;
      })(),
    );
    expect(secondAt).toBeGreaterThanOrEqual(1300);
    expect(secondAt).toBeLessThan(1310);
  });
});
