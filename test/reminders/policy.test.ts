import { describe, expect, it } from 'vitest';
import type { ReminderPolicyConfig } from '../../src/config/config.js';
import { daysLeft } from '../../src/kernel/calendar.js';
import { planReminders, stillWanted, type Subscription } from '../../src/reminders/policy.js';
import { isoIn } from '../../src/reminders/render.js';
import { letter } from './fake-ledger.js';

const policy: ReminderPolicyConfig = { daysBefore: [14, 7, 3, 1, 0], time: '09:00', overdueDigestDay: 'monday', graceHours: 24 };
const sub = (over: Partial<Subscription> = {}): Subscription => ({ channel: 'console', states: null, timezone: null, time: null, createdAt: 0, ...over });
const plan = (over: { deadlines?: ReturnType<typeof letter>[]; subs?: Subscription[]; now?: string; policy?: ReminderPolicyConfig; timezone?: string } = {}) => {
  const now = new Date(over.now ?? '2026-10-01T00:00:00Z');
  return planReminders({
    deadlines: over.deadlines ?? [letter({ deadline: '2026-11-03' })],
    subscriptions: over.subs ?? [sub()],
    policy: over.policy ?? policy,
    timezone: over.timezone ?? 'Europe/Zurich',
    now,
    digestsFrom: now.getTime() - 7 * 86_400_000,
    digestsUntil: now.getTime() + 7 * 86_400_000,
  });
};
const shown = (rows: ReturnType<typeof plan>) => rows.map((r) => [r.kind, isoIn(r.dueAt, r.zone)]);

describe('the reminder policy', () => {
  it('puts reminders 14, 7, 3 and 1 days before and on the day at 09:00, still 09:00 after Geneva (Europe/Zurich; the tz database has no Europe/Geneva) leaves summer time', () => {
    expect(shown(plan())).toEqual([
      ['14-days', '2026-10-20T09:00:00+02:00'],
      ['7-days', '2026-10-27T09:00:00+01:00'],
      ['3-days', '2026-10-31T09:00:00+01:00'],
      ['1-day', '2026-11-02T09:00:00+01:00'],
      ['on-day', '2026-11-03T09:00:00+01:00'],
    ]);
  });

  it('keeps 09:00 across New York’s change (a week later than Europe’s) and across the spring change', () => {
    const ny = plan({ subs: [sub({ channel: 'slack:C1', timezone: 'America/New_York' })] });
    expect(shown(ny)).toEqual([
      ['14-days', '2026-10-20T09:00:00-04:00'],
      ['7-days', '2026-10-27T09:00:00-04:00'],
      ['3-days', '2026-10-31T09:00:00-04:00'],
      ['1-day', '2026-11-02T09:00:00-05:00'],
      ['on-day', '2026-11-03T09:00:00-05:00'],
    ]);
    const spring = plan({ deadlines: [letter({ deadline: '2026-03-10', timezone: 'America/New_York' })], subs: [sub({ timezone: 'America/New_York' })], now: '2026-02-01T00:00:00Z' });
    expect(shown(spring).map(([, at]) => at)).toEqual(['2026-02-24T09:00:00-05:00', '2026-03-03T09:00:00-05:00', '2026-03-07T09:00:00-05:00', '2026-03-09T09:00:00-04:00', '2026-03-10T09:00:00-04:00']);
  });

  it('uses a channel’s own time zone and time of day (Mexico City has kept one offset since 2022)', () => {
    const rows = plan({ subs: [sub({ channel: 'matrix:!r:example.org', timezone: 'America/Mexico_City', time: '08:30' })] });
    expect(shown(rows).map(([, at]) => at)).toEqual(['2026-10-20T08:30:00-06:00', '2026-10-27T08:30:00-06:00', '2026-10-31T08:30:00-06:00', '2026-11-02T08:30:00-06:00', '2026-11-03T08:30:00-06:00']);
    expect(rows.every((r) => r.zone === 'America/Mexico_City')).toBe(true);
  });

  it('follows the configured days and time', () => {
    const rows = plan({ policy: { ...policy, daysBefore: [10, 2], time: '17:45' } });
    expect(shown(rows)).toEqual([
      ['10-days', '2026-10-24T17:45:00+02:00'],
      ['2-days', '2026-11-01T17:45:00+01:00'],
    ]);
  });

  it('plans nothing for an open-ended letter, a fully answered letter, or a State the channel does not follow', () => {
    expect(plan({ deadlines: [letter({ deadline: null })] })).toEqual([]);
    expect(plan({ deadlines: [letter({ outstanding: [] })] })).toEqual([]);
    expect(plan({ subs: [sub({ states: ['guatemala'] })] })).toEqual([]);
    expect(plan({ subs: [sub({ states: ['mexico'] })] })).toHaveLength(5);
  });

  it('plans nothing that fell due before the channel subscribed', () => {
    const rows = plan({ subs: [sub({ createdAt: Date.parse('2026-10-24T00:00:00Z') })] });
    expect(rows.map((r) => r.kind)).toEqual(['7-days', '3-days', '1-day', 'on-day']);
  });

  it('moves every reminder when the deadline moves: new keys, the old ones no longer wanted', () => {
    const before = plan();
    const moved = letter({ deadline: '2026-11-10' });
    const after = plan({ deadlines: [moved] });
    expect(after.map((r) => r.key).filter((k) => before.some((b) => b.key === k))).toEqual([]);
    for (const row of before) expect(stillWanted(row, moved, sub(), policy, 'Europe/Zurich')).toBe(false);
    for (const row of after) expect(stillWanted(row, moved, sub(), policy, 'Europe/Zurich')).toBe(true);
    expect(stillWanted(after[0]!, letter({ deadline: '2026-11-10', outstanding: [] }), sub(), policy, 'Europe/Zurich')).toBe(false);
    expect(stillWanted(after[0]!, moved, undefined, policy, 'Europe/Zurich')).toBe(false);
  });

  it('sends a weekly overdue digest on Mondays at 09:00 once the deadline has passed, while questions are outstanding', () => {
    const rows = plan({ now: '2026-11-12T00:00:00Z' }).filter((r) => r.kind === 'overdue');
    // The deadline (Tuesday 3 November) passes at the end of that day; digests fall on the Mondays after, within the window.
    expect(shown(rows)).toEqual([
      ['overdue', '2026-11-09T09:00:00+01:00'],
      ['overdue', '2026-11-16T09:00:00+01:00'],
    ]);
    expect(plan({ now: '2026-11-12T00:00:00Z', policy: { ...policy, overdueDigestDay: 'off' } }).filter((r) => r.kind === 'overdue')).toEqual([]);
    expect(stillWanted(rows[0]!, letter({ deadline: '2026-11-03' }), sub(), policy, 'Europe/Zurich')).toBe(true);
    expect(stillWanted({ ...rows[0]!, dueAt: rows[0]!.dueAt + 3_600_000 }, letter({ deadline: '2026-11-03' }), sub(), policy, 'Europe/Zurich')).toBe(false);
  });

  it('gives each reminder a stable key from channel, letter, State, kind and due instant', () => {
    const [a] = plan();
    expect(a!.key).toBe('console|000|mexico|14-days|2026-10-20T07:00:00.000Z');
    expect(plan()[0]!.key).toBe(a!.key);
  });

  it('counts days left in calendar days of the zone', () => {
    expect(daysLeft('2026-11-03', new Date('2026-10-27T08:00:00Z'), 'Europe/Zurich')).toBe(7);
    expect(daysLeft('2026-11-03', new Date('2026-11-03T22:30:00Z'), 'Europe/Zurich')).toBe(0);
    expect(daysLeft('2026-11-03', new Date('2026-11-06T08:00:00Z'), 'Europe/Zurich')).toBe(-3);
  });
});

describe('question numbers in a reminder', () => {
  it('are shortened to runs, within a section for section-qualified labels', async () => {
    const { labelRanges, describeRange } = await import('../../src/ledger/numbers.js');
    expect(labelRanges(['1', '2', '3', '5', '7', '8'])).toBe('1–3, 5, 7, 8');
    expect(labelRanges(['1.1', '1.2', '1.3', '2.1', '2.2', '3.1', '3.2', '3.3', '3.4'])).toBe('1.1–1.3, 2.1, 2.2, 3.1–3.4');
    expect(labelRanges(['9', '10', '11', 'A'])).toBe('9–11, A');
    // A letter's whole numbering (the ledger's hints) reads a run of two as a range too.
    expect(describeRange(['1.1', '1.2', '1.3', '3.1', '3.2'])).toBe('1.1–1.3, 3.1–3.2');
    expect(describeRange([])).toBe('none');
  });
});
