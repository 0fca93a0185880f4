import { describe, expect, it } from 'vitest';
import { isLoopbackHost, loadConfig } from '../../bot/src/config.js';
import { isAppError } from '../../bot/src/errors.js';
import { assertSafeToStart, networkExposureProblem } from '../../bot/src/production-checks.js';

const signIn = { AAD_APP_CLIENT_ID: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', MicrosoftAppId: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb' };

function refusal(env: Record<string, string>): string {
  try {
    assertSafeToStart(loadConfig(env));
  } catch (e) {
    if (isAppError(e)) return e.message;
    throw e;
  }
  throw new Error('start-up was not refused');
}

describe('where the service listens', () => {
  it('listens on 127.0.0.1 in development unless HOST says otherwise, and everywhere in production', () => {
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'test' }).HOST).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '::1' }).HOST).toBe('::1');
    expect(loadConfig({ NODE_ENV: 'production' }).HOST).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'production', HOST: '10.0.0.4' }).HOST).toBe('10.0.0.4');
  });

  it.each(['127.0.0.1', '127.0.1.1', 'localhost', 'LOCALHOST', '::1', '[::1]'])('knows %s is this machine only', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
    expect(networkExposureProblem(loadConfig({ HOST: host }))).toBeUndefined();
  });

  it.each(['0.0.0.0', '::', '192.168.1.20', 'wres.example.nhs.uk', '127.0.0.1.example.com'])(
    'refuses HOST=%s in development without sign-in, saying why',
    (host) => {
      const message = refusal({ HOST: host });
      expect(message).toContain(`HOST is ${host}, which other machines can reach`);
      expect(message).toContain('AAD_APP_CLIENT_ID');
      expect(message).toContain('MicrosoftAppId');
      expect(message).toContain('anyone on the network could act as any user');
    },
  );

  it('refuses while either sign-in is missing: the tab and the bot each let anyone in without theirs', () => {
    expect(refusal({ HOST: '0.0.0.0', AAD_APP_CLIENT_ID: signIn.AAD_APP_CLIENT_ID })).toMatch(
      /bot authentication \(MicrosoftAppId\) is not/,
    );
    expect(refusal({ HOST: '0.0.0.0', MicrosoftAppId: signIn.MicrosoftAppId })).toMatch(/tab sign-in \(AAD_APP_CLIENT_ID\) is not/);
  });

  it('lets a network address through once both sign-ins are configured', () => {
    expect(assertSafeToStart(loadConfig({ HOST: '0.0.0.0', ...signIn }))).toEqual([]);
  });

  it('leaves production to the production checks', () => {
    expect(networkExposureProblem(loadConfig({ NODE_ENV: 'production', HOST: '0.0.0.0' }))).toBeUndefined();
    expect(refusal({ NODE_ENV: 'production', HOST: '0.0.0.0' })).toMatch(/will not start in production/);
  });
});
