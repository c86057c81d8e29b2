/**
 * One reminder scheduler tick over 10 000 tracked letters and 1 000 channels: time and memory.
 * 200 States with 50 letters each (deadlines spread over the next 90 days; 1 in 10 open-ended, 1 in 10 fully
 * answered); 1 000 channels, each following 2 States (about 100 letters each; about 100 000 letter × channel
 * pairs), a quarter of them with their own time zone. Reported: the first tick (plans every row), a steady
 * tick (nothing changed, nothing due), the first tick of a new day (re-plans), and a tick that posts the
 * reminders due at one 09:00 to a no-op sender (three transactions per reminder: claim, sending, sent).
 * Run: npx tsx bench/reminders-bench.ts [letters] [channels]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import pino from 'pino';
import type { Sender } from '../src/kernel/sender.js';
import type { LetterDeadline } from '../src/reminders/ledger-port.js';
import { createReminderLoop } from '../src/reminders/loop.js';
import { createReminderService } from '../src/reminders/service.js';
import { reminderMigrations } from '../src/reminders/store.js';
import { openDatabase } from '../src/storage/database.js';

const letters = Number(process.argv[2] ?? 10_000);
const channels = Number(process.argv[3] ?? 1_000);
const states = 200;
const zones = ['America/New_York', 'America/Mexico_City', 'Europe/London']; // 09:00 there comes after 09:00 in Zurich

const dir = mkdtempSync(join(tmpdir(), 'pw-bench-reminders-'));
let now = new Date('2026-11-23T16:00:00Z'); // after 09:00 in every zone used: nothing is due until tomorrow
const clock = { now: () => now };
const start = DateTime.fromISO('2026-11-24', { zone: 'Europe/Zurich' });
const deadlines: LetterDeadline[] = Array.from({ length: letters }, (_, i) => {
  const s = i % states;
  return {
    state: `State ${s}`,
    stateId: `state-${s}`,
    letter: `letter-${i}`,
    letterTitle: `Letter ${i}`,
    deadline: i % 10 === 0 ? null : start.plus({ days: i % 90 }).toISODate(),
    timezone: 'Europe/Zurich',
    total: 20,
    outstanding: i % 10 === 1 ? [] : Array.from({ length: 12 }, (_, q) => ({ label: String(q + 1), askedBy: [`Organisation ${q % 3}`] })),
  };
});
const ledger = {
  letterDeadlines: () => deadlines,
  resolveState: (n: string) => ({ id: n, name: n }),
};
const db = openDatabase(join(dir, 'pledgewatch.db'), reminderMigrations);
const logger = pino({ level: 'silent' });
const policy = { daysBefore: [14, 7, 3, 1, 0], time: '09:00', overdueDigestDay: 'monday' as const, graceHours: 24 };
const service = createReminderService({ db, ledger, policy, timezone: 'Europe/Zurich', clock, logger });
for (let c = 0; c < channels; c++) {
  const own = c % 4 === 0 ? zones[c % zones.length] : undefined;
  service.store.subscribe({ channel: `slack:CBENCH${c}`, states: [`state-${c % states}`, `state-${(c * 7 + 1) % states}`], timezone: own ?? null, time: null }, 'bench', now.getTime());
}
let posted = 0;
const sender: Sender = {
  platform: 'slack',
  async send(_channel, _reply, key) {
    posted++;
    return { messageId: `m-${key.length}-${posted}` };
  },
};
const loop = createReminderLoop({ reminders: service, senders: new Map([['slack', sender]]), clock, logger, graceHours: 24, batch: 50 });

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
async function measure(label: string) {
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const result = await loop.tick();
  const ms = performance.now() - t0;
  const mem = process.memoryUsage();
  console.log(
    `reminders-bench: ${label}: ${ms.toFixed(0)} ms; planned ${result.planned}, sent ${result.sent}, cancelled ${result.cancelled}; heap +${mb(mem.heapUsed - heap0)} (now ${mb(mem.heapUsed)}), rss ${mb(mem.rss)}`,
  );
}

console.log(`reminders-bench: ${letters} letters, ${states} States, ${channels} channels (2 States each)`);
await measure('first tick (plans every row)');
const counts = service.store.counts();
console.log(`reminders-bench: rows ${JSON.stringify(counts)}`);
now = new Date(now.getTime() + 60_000);
await measure('steady tick (nothing changed, nothing due)');
now = new Date('2026-11-24T07:59:00Z'); // 08:59 in Zurich, a new day: digests are planned a day further
await measure('first tick of a new day (re-plans, nothing due)');
now = new Date('2026-11-24T08:00:30Z'); // 09:00:30 in Zurich
const before = posted;
await measure('tick at 09:00 Zurich (posts what is due)');
console.log(`reminders-bench: posted ${posted - before} reminders in that tick`);
await loop.stop();
db.close();
rmSync(dir, { recursive: true, force: true });
