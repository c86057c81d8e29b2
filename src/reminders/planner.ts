import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import type { ReminderPolicyConfig } from '../config/config.js';
import type { LetterDeadline } from './ledger-port.js';
import { eachPlannedReminder, stillWanted, type Subscription } from './policy.js';
import { deadlineKey } from './posting.js';
import type { PendingKey, ReminderStore } from './store.js';

const LAST_SYNC = 'last-sync';
const FINGERPRINT = 'plan-fingerprint';

export interface PlannerDeps {
  store: ReminderStore;
  policy: ReminderPolicyConfig;
  timezone: string;
  logger: Logger;
}

/**
 * Writes the reminder rows the policy wants now and cancels the ones it no longer wants. Re-plans only when
 * something the plan depends on changed: a deadline, whether a letter still has questions outstanding, a
 * subscription, or the day (digests are planned a week ahead). The fingerprint is kept in the database, so
 * a second process does not redo what the first did.
 */
export function createPlanner({ store, policy, timezone, logger }: PlannerDeps) {
  const log = logger.child({ module: 'reminders' });
  return function plan(deadlines: LetterDeadline[], now: Date): { inserted: number; cancelled: number } {
    const subscriptions = store.subscriptions();
    const day = DateTime.fromJSDate(now, { zone: 'utc' }).startOf('day');
    const fingerprint = fingerprintOf(deadlines, subscriptions, policy, timezone, day.toISODate()!);
    if (store.getState(FINGERPRINT) === fingerprint) return { inserted: 0, cancelled: 0 };
    const byLetter = new Map(deadlines.map((d) => [deadlineKey(d.letter, d.stateId), d]));
    const subs = new Map(subscriptions.map((s) => [s.channel, s]));
    const lastSync = Number(store.getState(LAST_SYNC) ?? now.getTime());
    // Digests that fell due since the last sync (the bot may have been down) are planned too, so they are
    // posted late or summarised rather than silently skipped.
    const digestsFrom = DateTime.fromMillis(Math.min(lastSync, now.getTime()), { zone: 'utc' }).startOf('day').minus({ weeks: 1 }).toMillis();
    const planned = eachPlannedReminder({ deadlines, subscriptions, policy, timezone, now, digestsFrom, digestsUntil: day.plus({ days: 8 }).toMillis() });
    const keep = (row: PendingKey, plannedKeys: Set<string>) =>
      plannedKeys.has(row.key) || stillWanted(row, byLetter.get(deadlineKey(row.letter, row.stateId)), subs.get(row.channel), policy, timezone);
    const result = store.transaction(() => {
      const plannedKeys = new Set<string>();
      const pending = store.pendingKeys();
      const existing = new Set(pending.map((p) => p.key));
      let inserted = 0;
      for (const p of planned) {
        plannedKeys.add(p.key);
        if (!existing.has(p.key)) inserted += store.insert(p, now.getTime());
      }
      let cancelled = 0;
      for (const row of pending) if (!keep(row, plannedKeys)) cancelled += store.cancel(row.key, now.getTime());
      return { inserted, cancelled };
    });
    store.setState(LAST_SYNC, String(now.getTime()));
    store.setState(FINGERPRINT, fingerprint);
    if (result.inserted || result.cancelled) log.info({ ...result, subscriptions: subscriptions.length }, 'reminders planned');
    return result;
  };
}

/** What the plan depends on, hashed: answering one question of many changes nothing here. */
function fingerprintOf(deadlines: LetterDeadline[], subs: Subscription[], policy: ReminderPolicyConfig, timezone: string, day: string): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([policy, timezone, day]));
  for (const d of deadlines) h.update(`\n${d.letter}|${d.stateId}|${d.deadline}|${d.timezone}|${d.outstanding.length > 0 ? 1 : 0}`);
  for (const s of subs) h.update(`\n${JSON.stringify(s)}`);
  return h.digest('base64url');
}
