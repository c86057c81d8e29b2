/**
 * A real process running one reminder tick, for the crash and two-process tests. Told through the
 * environment which database, clock and ledger to use, and where the "platform" writes what it was sent
 * (one JSON line per post, appended, so several processes can share it). PW_KILL_AT=claimed|sending|sent
 * makes it SIGKILL itself at that phase of the first reminder: no cleanup, no exit handlers, like kill -9.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import pino from 'pino';
import type { Sender } from '../../src/kernel/sender.js';
import { createReminderLoop } from '../../src/reminders/loop.js';
import { createReminderService } from '../../src/reminders/service.js';
import { reminderMigrations } from '../../src/reminders/store.js';
import { openDatabase } from '../../src/storage/database.js';
import { FakeLedger } from './fake-ledger.js';
import { defaultPolicy } from './harness.js';

const env = process.env;
const platformLog = env.PW_PLATFORM_LOG!;
const killAt = env.PW_KILL_AT as 'claimed' | 'sending' | 'sent' | undefined;
const slowMs = Number(env.PW_SLOW_MS ?? 0);
const now = new Date(env.PW_NOW!);

const posts = (): { key: string; messageId: string; pid: number }[] =>
  existsSync(platformLog) ? readFileSync(platformLog, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];

const sender: Sender = {
  platform: 'console',
  async send(_channel, _reply, key) {
    if (slowMs) await new Promise((r) => setTimeout(r, slowMs));
    const messageId = `m-${process.pid}-${key.length}-${posts().length}`;
    appendFileSync(platformLog, JSON.stringify({ key, messageId, pid: process.pid }) + '\n');
    return { messageId };
  },
};
if (env.PW_LOOKUP === '1') sender.lookup = async (_channel, key) => posts().find((p) => p.key === key);

const db = openDatabase(env.PW_DB!, reminderMigrations);
const ledger = new FakeLedger(JSON.parse(readFileSync(env.PW_LEDGER!, 'utf8')));
const clock = { now: () => now };
const logger = pino({ level: 'silent' });
const service = createReminderService({ db, ledger, policy: defaultPolicy, timezone: 'Europe/Zurich', clock, logger });
const die = () => process.kill(process.pid, 'SIGKILL');
const loop = createReminderLoop({
  reminders: service,
  senders: new Map([['console', sender]]),
  clock,
  logger,
  graceHours: 24,
  batch: Number(env.PW_BATCH ?? 10),
  phases: killAt ? { [killAt]: die } : undefined,
});
const result = await loop.tick();
await loop.stop();
db.close();
process.stdout.write(JSON.stringify(result) + '\n');
