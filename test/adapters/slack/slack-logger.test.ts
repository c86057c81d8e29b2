import { LogLevel } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { slackLogger } from '../../../adapters/slack/slack-logger.js';
import { createLogger } from '../../../src/logging.js';
import { LogCapture } from './slack-harness.js';

describe('the logger given to Bolt and the WebClient', () => {
  it('never goes below INFO (they log message text at DEBUG), and drops tokens', () => {
    const logs = new LogCapture();
    const log = slackLogger(createLogger({ level: 'trace', destination: logs.stream }));
    log.setLevel(LogLevel.DEBUG);
    expect(log.getLevel()).toBe(LogLevel.INFO);
    log.debug('http request body: {"text":"Mexico <!channel> secret question"}');
    log.info('API Call failed due to rate limiting. Will retry in 1 seconds.');
    log.warn('http request failed', 'token xoxb-123-456-abc and xapp-1-A0-xyz leaked');
    log.error(new Error('boom'), { text: 'a payload', user: 'U1' });
    const all = logs.raw.join('\n');
    expect(all).not.toMatch(/secret question|xoxb-|xapp-|a payload/);
    expect(logs.lines.map((l) => l.level)).toEqual([30, 40, 50]);
    expect(logs.lines.every((l) => l.module === 'slack')).toBe(true);
  });
});
