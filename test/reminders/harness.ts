import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { ReminderPolicyConfig } from '../../src/config/config.js';
import type { Clock } from '../../src/kernel/clock.js';
import { renderPlain, type Reply } from '../../src/kernel/reply.js';
import type { Sender } from '../../src/kernel/sender.js';
import { createReminderLoop, type ReminderLoopOptions } from '../../src/reminders/loop.js';
import { createReminderService } from '../../src/reminders/service.js';
import { reminderMigrations } from '../../src/reminders/store.js';
import { openDatabase, type Db } from '../../src/storage/database.js';
import type { FakeLedger } from './fake-ledger.js';

export const defaultPolicy: ReminderPolicyConfig = { daysBefore: [14, 7, 3, 1, 0], time: '09:00', overdueDigestDay: 'monday', graceHours: 24 };

export interface Posted {
  channel: string;
  key: string;
  text: string;
  messageId: string;
}

/** A platform that records what it was sent; `failNext` makes the next sends throw. */
export class RecordingSender implements Sender {
  readonly posted: Posted[] = [];
  failNext = 0;
  lookup?: Sender['lookup'];
  constructor(
    readonly platform: Sender['platform'] = 'console',
    withLookup = false,
  ) {
    if (withLookup) this.lookup = async (channel, key) => this.posted.find((p) => p.channel === channel && p.key === key);
  }
  async send(channel: string, reply: Reply, key: string) {
    await new Promise((r) => setImmediate(r));
    if (this.failNext > 0) {
      this.failNext--;
      throw Object.assign(new Error('platform said no to: ' + renderPlain(reply)), { code: 'platform_error' });
    }
    const messageId = `${this.platform}-${this.posted.length + 1}`;
    this.posted.push({ channel, key, text: renderPlain(reply), messageId });
    return { messageId };
  }
}

/** A logger whose lines the test can read. */
export function captureLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

export function reminderRoom(dir: string, ledger: FakeLedger, clock: Clock, options: { policy?: ReminderPolicyConfig; timezone?: string; db?: Db; logger?: pino.Logger } = {}) {
  const db = options.db ?? openDatabase(join(dir, 'pledgewatch.db'), reminderMigrations);
  const logger = options.logger ?? pino({ level: 'silent' });
  const policy = options.policy ?? defaultPolicy;
  const service = createReminderService({ db, ledger, policy, timezone: options.timezone ?? 'Europe/Zurich', clock, logger });
  const loop = (senders: Sender[], over: Partial<ReminderLoopOptions> = {}) =>
    createReminderLoop({ reminders: service, senders: new Map(senders.map((s) => [s.platform, s])), clock, logger, graceHours: policy.graceHours, ...over });
  return { db, service, loop, close: () => db.close() };
}
