import cron from 'node-cron';
import type { Logger } from 'pino';
import type { ReminderLoop, TickResult } from './loop.js';

/**
 * node-cron only wakes the loop: every minute, and once now. It persists nothing and skips runs missed while
 * the event loop was blocked; the database is the scheduler, so a skipped wake-up only delays a reminder.
 */
export function startReminderSchedule(loop: ReminderLoop, logger: Logger, onTick: (at: Date, result: TickResult) => void): { stop(): Promise<void> } {
  const log = logger.child({ module: 'reminder-schedule' });
  const wake = () =>
    loop.tick().then(
      (result) => {
        onTick(new Date(), result);
        if (result.sent || result.failed || result.summarised || result.recovered) log.info({ ...result }, 'reminder tick');
      },
      (err) => log.error({ err }, 'reminder tick failed; the next one retries'),
    );
  const task = cron.schedule('* * * * *', () => void wake(), { noOverlap: true, name: 'pledgewatch-reminders' });
  void wake();
  return {
    async stop() {
      await task.stop();
      await task.destroy();
      await loop.stop();
    },
  };
}
