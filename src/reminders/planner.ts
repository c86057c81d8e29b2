import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import type { ReminderPolicyConfig } from '../config/config.js';
import type { LetterDeadline } from './ledger-port.js';
import { deadlineEnd } from '../kernel/calendar.js';
import { covers, eachPlannedReminder, needsReminders, stillWanted, type PolicyInput, type Subscription } from './policy.js';
import { deadlineKey } from './posting.js';
import { inSlices } from './slices.js';
import type { PendingKey, ReminderStore } from './store.js';

/**
 * Incremental planning. Each deadline (letter × State) and each subscription carries a mark: what it was last
 * planned from (the deadline's date and zone while questions are outstanding; the subscription's States, zone,
 * time and start). A plan re-plans only the items whose mark differs from what they are now: a moved deadline
 * re-plans that letter for the channels that follow it, a new subscription plans that channel. A new day
 * moves the digest window a day on: only the overdue digests of that new day are planned. Nothing changed:
 * a plan reads the ledger's deadlines and the subscriptions and writes nothing.
 *
 * The work runs in short write transactions with a turn of the event loop between them (slices.ts). An item's
 * mark is set to "being re-planned" with its first rows and to its inputs with its last: a process that dies
 * half-way leaves it marked as unfinished, and the next plan (here or in another process) does it again; every
 * write is idempotent (a row's key names it; an existing row is left as it is, a cancelled one revived).
 */

const LAST_SYNC = 'last-sync'; // epoch ms of the last plan that changed anything: digests missed since then are planned
const PLAN_DAY = 'plan-day'; // the UTC day whose digest window was planned
const PLAN_UNTIL = 'plan-until'; // digests are planned up to here (epoch ms)
const PLAN_SETTINGS = 'plan-settings'; // the policy and zone the marks were made under (another: re-plan everything)
const MARKS_VERSION = 'plan-marks-version';
// The mark of an item being re-planned, committed with its first rows: if the work stops half-way (a crash),
// the item differs from whatever it is by the next plan, so it is re-planned even if its change was undone.
const REPLANNING = '?'; // bumped with every change of marks: a process's cached copy holds while it matches

export interface PlannerDeps {
  store: ReminderStore;
  policy: ReminderPolicyConfig;
  timezone: string;
  logger: Logger;
  /** how long a slice of planning runs before the event loop gets a turn (tests: 0, one step per transaction) */
  sliceMs?: number;
}

export interface PlanCounts {
  inserted: number;
  cancelled: number;
}

const deadlineItem = (d: Pick<LetterDeadline, 'letter' | 'stateId'>) => `d:${deadlineKey(d.letter, d.stateId)}`;
const channelItem = (channel: string) => `s:${channel}`;
const deadlineInputs = (d: LetterDeadline & { deadline: string }) => `${d.deadline}|${d.timezone}`;
const subscriptionInputs = (s: Subscription) => JSON.stringify([s.states, s.timezone, s.time, s.createdAt, ...(s.weekdays ? ['weekdays'] : [])]);

export function createPlanner({ store, policy, timezone, logger, sliceMs }: PlannerDeps) {
  const log = logger.child({ module: 'reminders' });
  const settings = JSON.stringify([policy.daysBefore, policy.time, policy.overdueDigestDay, timezone]);
  let cached: { version: string; marks: Map<string, string> } | undefined;

  function marks(): Map<string, string> {
    const version = store.getState(MARKS_VERSION) ?? '0';
    if (cached?.version !== version) cached = { version, marks: store.planMarks() };
    return cached.marks;
  }

  /** Sets a mark in the database and in the cached copy; the version is bumped once per slice (afterSlice). */
  let marked = false;
  function mark(item: string, inputs: string | null): void {
    store.setPlanMark(item, inputs);
    if (inputs === null) cached?.marks.delete(item);
    else cached?.marks.set(item, inputs);
    marked = true;
  }
  function bumpVersion(): void {
    if (!marked) return;
    marked = false;
    const version = store.getState(MARKS_VERSION) ?? '0';
    const next = String(Number(version) + 1);
    store.setState(MARKS_VERSION, next);
    // Another process changed marks since this one read them: read them afresh next time.
    if (cached && cached.version === version) cached.version = next;
    else cached = undefined;
  }

  function* steps(deadlines: LetterDeadline[], now: Date, counts: PlanCounts): Generator<void> {
    const nowMs = now.getTime();
    const m = marks();
    yield;
    const fresh = store.getState(PLAN_SETTINGS) !== settings; // first plan ever, or new settings: everything
    const day = DateTime.fromJSDate(now, { zone: 'utc' }).startOf('day');
    const newDay = store.getState(PLAN_DAY) !== day.toISODate();
    const subscriptions = store.subscriptions();

    const wanted = deadlines.filter(needsReminders);
    // What changed since the marks were made (in steps: a network of coalitions tracks tens of thousands).
    const current = { d: new Map<string, string>(), s: new Map<string, string>() };
    const changedSubs = new Set<string>();
    const changedDeadlines = new Set<string>();
    let n = 0;
    for (const d of wanted) {
      const item = deadlineItem(d);
      const inputs = deadlineInputs(d);
      current.d.set(item, inputs);
      if (fresh || m.get(item) !== inputs) changedDeadlines.add(item);
      if (++n % 1000 === 0) yield;
    }
    for (const sub of subscriptions) {
      const item = channelItem(sub.channel);
      const inputs = subscriptionInputs(sub);
      current.s.set(item, inputs);
      if (fresh || m.get(item) !== inputs) changedSubs.add(item);
    }
    yield;
    for (const item of m.keys()) {
      const isDeadline = item.startsWith('d:');
      if (!(isDeadline ? current.d : current.s).has(item)) (isDeadline ? changedDeadlines : changedSubs).add(item);
      if (++n % 2000 === 0) yield;
    }
    const deadlinesNow = current.d;
    const subsNow = current.s;
    if (!changedSubs.size && !changedDeadlines.size && !newDay && !fresh) return;

    // Digests that fell due since the last plan (the bot may have been down) are planned too, so they are
    // posted late or summarised rather than silently skipped.
    const lastSync = Number(store.getState(LAST_SYNC) ?? nowMs);
    const digestsFrom = DateTime.fromMillis(Math.min(lastSync, nowMs), { zone: 'utc' }).startOf('day').minus({ weeks: 1 }).toMillis();
    const digestsUntil = day.plus({ days: 8 }).toMillis();
    const cache: PolicyInput['cache'] = new Map();
    const window = { policy, timezone, now, digestsFrom, digestsUntil, cache };
    const bySub = new Map(subscriptions.map((s) => [s.channel, s]));
    const byDeadline = new Map(wanted.map((d) => [deadlineKey(d.letter, d.stateId), d]));
    const stillWantedNow = (row: PendingKey) => stillWanted(row, byDeadline.get(deadlineKey(row.letter, row.stateId)), bySub.get(row.channel), policy, timezone);

    /** Writes the planned rows and cancels the pending ones (of `pending`) the policy no longer wants. */
    function* apply(planned: Iterable<{ key: string } & Parameters<ReminderStore['insert']>[0]>, pending: () => PendingKey[], skip?: (row: PendingKey) => boolean): Generator<void> {
      const keys = new Set<string>();
      for (const p of planned) {
        keys.add(p.key);
        counts.inserted += store.insert(p, nowMs);
        yield;
      }
      for (const row of pending()) {
        if (!keys.has(row.key) && !skip?.(row) && !stillWantedNow(row)) counts.cancelled += store.cancel(row.key, nowMs);
        yield;
      }
    }

    // A changed subscription: that channel × every deadline it follows.
    for (const item of changedSubs) {
      const channel = item.slice(2);
      const sub = bySub.get(channel);
      mark(item, REPLANNING);
      yield* apply(sub ? eachPlannedReminder({ ...window, deadlines: wanted, subscriptions: [sub] }) : [], () => store.pendingOf({ channel }));
      mark(item, subsNow.get(item) ?? null);
      yield;
    }

    // A changed deadline: that letter × the channels that follow its State (those just planned above are done).
    const followers = followersByState(subscriptions.filter((s) => !changedSubs.has(channelItem(s.channel))));
    for (const item of changedDeadlines) {
      const [letter, stateId] = splitKey(item.slice(2));
      const d = byDeadline.get(deadlineKey(letter, stateId));
      const subs = d ? followers(stateId) : [];
      mark(item, REPLANNING);
      yield* apply(d && subs.length ? eachPlannedReminder({ ...window, deadlines: [d], subscriptions: subs }) : [], () => store.pendingOf({ letter, stateId }), (row) => changedSubs.has(channelItem(row.channel)));
      mark(item, deadlinesNow.get(item) ?? null);
      yield;
    }

    // A new day: the digest window moved on; plan the digests of the days it gained, for the items not re-planned above.
    if (newDay && !fresh) {
      const gainedFrom = Number(store.getState(PLAN_UNTIL) ?? digestsFrom) + 1;
      const all = followersByState(subscriptions);
      const lastDay = DateTime.fromMillis(digestsUntil, { zone: 'utc' }).plus({ days: 1 }).toISODate()!;
      for (const d of wanted) {
        yield;
        // (a deadline dated after the window's last day cannot have a digest in it: no need to ask luxon)
        if (d.deadline > lastDay || changedDeadlines.has(deadlineItem(d)) || deadlineEnd(d.deadline, d.timezone || timezone) > digestsUntil) continue;
        const subs = all(d.stateId).filter((s) => !changedSubs.has(channelItem(s.channel)));
        for (const p of eachPlannedReminder({ ...window, deadlines: [d], subscriptions: subs, digestsFrom: Math.max(gainedFrom, digestsFrom), digestsOnly: true })) {
          counts.inserted += store.insert(p, nowMs);
          yield;
        }
      }
    }
    store.setState(PLAN_DAY, day.toISODate()!);
    store.setState(PLAN_UNTIL, String(digestsUntil));
    store.setState(PLAN_SETTINGS, settings);
    store.setState(LAST_SYNC, String(nowMs));
    if (counts.inserted || counts.cancelled) log.info({ ...counts, channels: changedSubs.size, deadlines: changedDeadlines.size, newDay }, 'reminders planned');
  }

  /** Brings the rows up to date with these deadlines and the subscriptions, in slices. */
  return async function plan(deadlines: LetterDeadline[], now: Date): Promise<PlanCounts> {
    const counts: PlanCounts = { inserted: 0, cancelled: 0 };
    try {
      await inSlices((fn) => store.transaction(fn, { derived: true }), steps(deadlines, now, counts), bumpVersion, sliceMs);
    } catch (err) {
      cached = undefined; // a rolled-back slice may have left the cached marks ahead of the database
      marked = false;
      throw err;
    }
    return counts;
  };
}

/** The subscriptions that follow a State (by id), every-State ones included. */
function followersByState(subscriptions: Subscription[]): (stateId: string) => Subscription[] {
  const byState = new Map<string, Subscription[]>();
  const everyState = subscriptions.filter((s) => s.states === null);
  return (stateId) => {
    let list = byState.get(stateId);
    if (!list) byState.set(stateId, (list = [...everyState, ...subscriptions.filter((s) => s.states !== null && covers(s, stateId))]));
    return list;
  };
}

/** 'letter|stateId' → [letter, stateId]; a letter id may itself contain '|', a State id does not. */
function splitKey(key: string): [string, string] {
  const i = key.lastIndexOf('|');
  return [key.slice(0, i), key.slice(i + 1)];
}
