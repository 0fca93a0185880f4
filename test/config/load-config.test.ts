import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/src/config.js';
import { isAppError } from '../../bot/src/errors.js';

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (e) {
    if (isAppError(e)) return e.message;
    throw e;
  }
  throw new Error('the configuration was accepted');
}

describe('loadConfig', () => {
  it('starts with defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3978);
    expect(c.STORE).toBe('sqlite');
    expect(c.TIMEZONE).toBe('Europe/London');
    expect(c.REMINDER_TIME).toBe('09:00');
    expect(c.isProduction).toBe(false);
    expect(c.LOAD_SAMPLE_PLAN).toBe(true);
  });

  it('does not load the sample plan by default in production', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).LOAD_SAMPLE_PLAN).toBe(false);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['TIMEZONE', 'Mars/Base'],
    ['REMINDER_TIME', '9am'],
    ['REMINDER_OFFSETS_DAYS', '7,soon'],
    ['STORE', 'excel'],
    ['PUBLIC_URL', 'not a url'],
    ['LOAD_SAMPLE_PLAN', 'maybe'],
  ])('stops start-up when %s is %j, naming the variable', (name, value) => {
    const message = configError({ [name]: value });
    expect(message).toMatch(new RegExp(`^\\s+${name}: `, 'm'));
  });

  it('names every wrong variable at once', () => {
    const message = configError({ PORT: 'abc', TIMEZONE: 'Mars/Base', REMINDER_TIME: '9am' });
    for (const name of ['PORT', 'TIMEZONE', 'REMINDER_TIME']) expect(message).toContain(`${name}:`);
  });
});
