import { describe, expect, it } from 'vitest';
import { buildRegistry } from '../../src/core/commands/index.js';
import { createCore } from '../../src/core/core.js';
import type { Services } from '../../src/core/services.js';
import { silentLogger } from '../../src/logging.js';
import { FakeClock } from '../fakes/clock.js';
import { consoleInProcess } from '../fakes/console-chat.js';
import { tempDir } from '../fakes/temp-dir.js';
import { FakeLedger, letter } from './fake-ledger.js';
import { reminderRoom } from './harness.js';

/** The console chat with the real adapter: typed commands in, the terminal's text out. */
async function consoleChat(dir: string, clock: FakeClock, ledger: FakeLedger) {
  const room = reminderRoom(dir, ledger, clock);
  const services = { clock, timezone: 'Europe/Zurich', logger: silentLogger(), ledger, reminders: room.service } as unknown as Services;
  const core = createCore({ registry: buildRegistry(), services, coordinators: [], logger: silentLogger(), maxInputChars: 4000 });
  const chat = await consoleInProcess(core);
  const loop = room.loop([chat.sender]);
  const stop = async () => {
    await loop.stop();
    await chat.stop();
    room.close();
  };
  return { type: chat.type, loop, screen: chat.printed, stop };
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
