import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env, '/srv/pw');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('configuration', () => {
  it('starts with no settings at all: console only, UTC, ./data', () => {
    const c = loadConfig({}, '/srv/pw');
    expect(c.dataDir).toBe('/srv/pw/data');
    expect(c.corpusDir).toBe('/srv/pw/index-data/corpus');
    expect(c.timezone).toBe('UTC');
    expect(c.slack).toBeUndefined();
    expect(c.matrix).toBeUndefined();
    expect(c.reminders).toEqual({ daysBefore: [14, 7, 3, 1, 0], time: '09:00', overdueDigestDay: 'monday', graceHours: 24 });
  });

  it('treats blank settings as unset, as .env files leave them', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: '', MATRIX_ACCESS_TOKEN: ' ' }).slack).toBeUndefined();
  });

  it('names every bad setting at once', () => {
    const problems = problemsOf({
      PLEDGEWATCH_TIMEZONE: 'Mars/Olympus',
      PLEDGEWATCH_COORDINATORS: 'slack:U1,alice',
      PLEDGEWATCH_REMINDER_TIME: '9am',
      SLACK_BOT_TOKEN: 'xoxb-1',
      MATRIX_HOMESERVER_URL: 'not a url',
    });
    const names = problems.map((p) => p.split(':')[0]);
    expect(names).toEqual(
      expect.arrayContaining(['PLEDGEWATCH_TIMEZONE', 'PLEDGEWATCH_COORDINATORS', 'PLEDGEWATCH_REMINDER_TIME', 'SLACK_APP_TOKEN', 'MATRIX_HOMESERVER_URL', 'MATRIX_USER_ID', 'MATRIX_ACCESS_TOKEN']),
    );
  });

  it('says exactly what Slack lacks when only the bot token is set', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([expect.stringMatching(/^SLACK_APP_TOKEN: is missing.*SLACK_SIGNING_SECRET and SLACK_PORT/)]);
  });

  it('chooses Socket Mode with an app token and HTTP mode with a signing secret and port', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack?.mode).toBe('socket');
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_PORT: '3000' }).slack).toMatchObject({ mode: 'http', port: 3000, host: '127.0.0.1' });
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_PORT: '3000', SLACK_HOST: '0.0.0.0' }).slack).toMatchObject({ host: '0.0.0.0' });
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_PORT: '3000' })).toEqual([expect.stringMatching(/^SLACK_SIGNING_SECRET: is missing/)]);
  });

  it('reads coordinators as platform-qualified ids', () => {
    expect(loadConfig({ PLEDGEWATCH_COORDINATORS: ' slack:U0123ABC , matrix:@alice:example.org ' }).coordinators).toEqual(['slack:U0123ABC', 'matrix:@alice:example.org']);
  });
});

describe('the coalition time zone', () => {
  it('takes Europe/Geneva, which the tz database files as Europe/Zurich', () => {
    expect(loadConfig({ PLEDGEWATCH_TIMEZONE: 'Europe/Geneva' }).timezone).toBe('Europe/Zurich');
    expect(loadConfig({ PLEDGEWATCH_TIMEZONE: 'America/New_York' }).timezone).toBe('America/New_York');
  });
});

describe('.env.example', () => {
  it('lists every setting, each with a comment above it', async () => {
    const { readFileSync } = await import('node:fs');
    const { configSchema } = await import('../../src/config/config.js');
    const lines = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8').split('\n');
    for (const name of Object.keys(configSchema.shape)) {
      const at = lines.findIndex((l) => l.startsWith(`${name}=`));
      expect(at, `${name} is missing from .env.example`).toBeGreaterThan(0);
      expect(lines[at - 1], `${name} has no comment`).toMatch(/^#/);
    }
  });
});
