import { describe, expect, it } from 'vitest';
import { buildRegistry } from '../../src/core/commands/index.js';
import { createCore } from '../../src/core/core.js';
import type { Services } from '../../src/core/services.js';
import { silentLogger } from '../../src/logging.js';
import { RateLimiter } from '../../src/ops/rate-limit.js';
import { FakeClock } from '../fakes/clock.js';

describe('the rate limit', () => {
  it('counts over-long messages too: a flood of them is limited like any other', async () => {
    const clock = new FakeClock('2026-01-01T00:00:00Z');
    const core = createCore({ registry: buildRegistry(), services: {} as Services, coordinators: [], logger: silentLogger(), maxInputChars: 100, rateLimiter: new RateLimiter(2, clock) });
    const send = (text: string, user = 'slack:U1') => core.handle({ platform: 'slack', channel: 'slack:C1', user, text, isDirect: false });
    const long = 'x'.repeat(101);
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push(((await send(long)).data as { error?: string }).error);
    expect(codes[0]).toMatch(/too long/);
    expect(codes[1]).toMatch(/too long/);
    expect(codes[2]).toBe('rate-limited');
    // the person is now limited for anything, until the minute has passed
    expect(((await send('help')).data as { error?: string }).error).toBe('rate-limited');
    expect(((await send(long, 'slack:U2')).data as { error?: string }).error).toMatch(/too long/);
    clock.advance(60_001);
    expect(((await send(long)).data as { error?: string }).error).toMatch(/too long/);
  });

  it('never limits the console or the command line (their adapters vouch for the operator), long or not', async () => {
    const clock = new FakeClock('2026-01-01T00:00:00Z');
    const core = createCore({ registry: buildRegistry(), services: {} as Services, coordinators: [], logger: silentLogger(), maxInputChars: 100, rateLimiter: new RateLimiter(1, clock) });
    for (let i = 0; i < 3; i++) {
      const r = await core.handle({ platform: 'console', channel: 'console', user: 'console:you', text: 'x'.repeat(101), isDirect: true, trusted: true });
      expect((r.data as { error?: string }).error).toMatch(/too long/);
    }
  });
});
