import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../adapters/console/console-adapter.js';
import { buildRegistry } from '../../src/core/commands/index.js';
import { createCore } from '../../src/core/core.js';
import type { Services } from '../../src/core/services.js';
import { silentLogger } from '../../src/logging.js';
import { FakeClock } from '../fakes/clock.js';
import { tempDir } from '../fakes/temp-dir.js';
import { FakeLedger, letter } from './fake-ledger.js';
import { reminderRoom } from './harness.js';

/** The console chat with the real adapter: typed commands in, the terminal's text out. */
async function consoleChat(dir: string, clock: FakeClock, ledger: FakeLedger) {
  const room = reminderRoom(dir, ledger, clock);
  const services = { clock, timezone: 'Europe/Zurich', logger: silentLogger(), ledger, reminders: room.service } as unknown as Services;
  const core = createCore({ registry: buildRegistry(), services, coordinators: [], logger: silentLogger(), maxInputChars: 4000 });
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (d) => (screen += String(d)));
  const adapter = createConsoleAdapter({ core, input, output });
  await adapter.start();
  const loop = room.loop([adapter.sender]);
  const type = async (line: string) => {
    const before = screen.length;
    input.write(line + '\n');
    while (!screen.slice(before).includes('pledgewatch›')) await once(output, 'data');
  };
  const stop = async () => {
    await loop.stop();
    await adapter.stop();
    room.close();
  };
  return { type, loop, screen: () => screen, stop };
}

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe('reminders in the console chat', () => {
  it('shows a reminder due now once, and not again after a restart', async () => {
    const dir = tempDir();
    const clock = new FakeClock('2026-11-21T10:00:00Z');
    const ledger = new FakeLedger([letter({ deadline: '2026-12-01' })]);
    const first = await consoleChat(dir, clock, ledger);
    await first.type('subscribe');
    expect(first.screen()).toContain('This channel is subscribed to deadline reminders.');
    clock.set('2026-11-24T08:00:05Z');
    await first.loop.tick();
    await first.loop.tick();
    expect(count(first.screen(), 'Reminder: Mexico owes answers to “Questions to Mexico”')).toBe(1);
    await first.stop();

    const second = await consoleChat(dir, clock, ledger);
    clock.advance(60_000);
    await second.loop.tick();
    expect(second.screen()).not.toContain('Reminder: Mexico');
    await second.type('reminders');
    expect(second.screen()).toContain('Tue 24 Nov 2026, 09:00 CET');
    expect(second.screen()).toContain('posted');
    await second.stop();
  });
});
