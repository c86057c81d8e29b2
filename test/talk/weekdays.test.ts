import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { onWorkingDay, planReminders, stillWanted, type Subscription } from '../../src/reminders/policy.js';
import { startTalk } from './harness.js';

const policy = { daysBefore: [7, 3, 1, 0], time: '09:00', overdueDigestDay: 'saturday' as const, graceHours: 24 };
const zone = 'America/Mexico_City';
// Monday 7 December 2026: the 1-day reminder falls on Sunday, the first overdue digest on Saturday 12 December
const deadline = { letter: 'l', letterTitle: 'L', stateId: 'MX', state: 'Mexico', deadline: '2026-12-07', timezone: zone, total: 3, outstanding: [{ label: '1', askedBy: [] }] };
const at = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('ccc d LLL HH:mm');

function plan(sub: Subscription) {
  return planReminders({ deadlines: [deadline as never], subscriptions: [sub], policy: policy as never, timezone: zone, now: new Date('2026-11-01T00:00:00Z'), digestsFrom: 0, digestsUntil: Date.parse('2026-12-20T00:00:00Z') });
}

describe('reminders on working days: subscribe … --weekdays (issue 17)', () => {
  const sub: Subscription = { channel: 'slack:C1', states: null, timezone: null, time: null, createdAt: 0 };

  it('moves a reminder that falls on Saturday or Sunday to the Friday before, at the same time; the default is unchanged', () => {
    const asPlanned = plan(sub).map((r) => `${r.kind} ${at(r.dueAt)}`);
    expect(asPlanned).toEqual(['7-days Mon 30 Nov 09:00', '3-days Fri 4 Dec 09:00', '1-day Sun 6 Dec 09:00', 'on-day Mon 7 Dec 09:00', 'overdue Sat 12 Dec 09:00', 'overdue Sat 19 Dec 09:00']);
    const working = plan({ ...sub, weekdays: true });
    expect(working.map((r) => `${r.kind} ${at(r.dueAt)}`)).toEqual(['7-days Mon 30 Nov 09:00', '3-days Fri 4 Dec 09:00', '1-day Fri 4 Dec 09:00', 'on-day Mon 7 Dec 09:00', 'overdue Fri 11 Dec 09:00', 'overdue Fri 18 Dec 09:00']);
    // and the planner keeps wanting what it planned (a moved row is not cancelled as stale)
    for (const r of working) expect(stillWanted(r, deadline as never, { ...sub, weekdays: true }, policy as never, zone)).toBe(true);
    expect(stillWanted(working[2]!, deadline as never, sub, policy as never, zone)).toBe(false);
  });

  it('keeps the wall-clock time across a daylight-saving change when it moves a reminder', () => {
    // Sunday 1 November 2026, 09:00 in New York (EST since that night) → Friday 30 October, 09:00 EDT
    const sunday = DateTime.fromISO('2026-11-01T09:00', { zone: 'America/New_York' }).toMillis();
    expect(DateTime.fromMillis(onWorkingDay(sunday, 'America/New_York'), { zone: 'America/New_York' }).toFormat('ccc d LLL HH:mm ZZZZ')).toBe('Fri 30 Oct 09:00 EDT');
  });

  it('through the chat: `subscribe Mexico --weekdays` lists Friday instead of Sunday and says so; `--all-days` goes back', async () => {
    const { say, app } = startTalk('2020-10-01T12:00:00Z');
    await say('deadline Mexico ishr-2020-mexico-questions 2020-10-12'); // a Monday: its 1-day reminder is on Sunday 11 October
    const plain = (r: Awaited<ReturnType<typeof say>>) => JSON.stringify(r.data);
    const before = await say('subscribe Mexico');
    expect(plain(before)).toMatch(/2020-10-11T09:00/);
    const after = await say('subscribe --weekdays');
    const data = after.data as { subscription: { states: string[]; weekdays?: boolean }; reminders: { dueAt: string; kind: string }[] };
    expect(data.subscription).toMatchObject({ states: ['Mexico'], weekdays: true });
    expect(data.reminders.filter((r) => r.kind === '1-day').map((r) => r.dueAt.slice(0, 16))).toEqual(['2020-10-09T09:00']);
    expect(plain(after)).not.toMatch(/2020-10-11T09:00/);
    const listed = await say('reminders');
    expect(listed.blocks.map((b) => ('text' in b ? b.text : '')).join('\n')).toMatch(/Friday before/);
    const back = (await say('subscribe --all-days')).data as { subscription: Record<string, unknown>; reminders: { dueAt: string; kind: string }[] };
    expect(back.subscription.weekdays).toBeUndefined();
    expect(back.reminders.filter((r) => r.kind === '1-day').map((r) => r.dueAt.slice(0, 16))).toEqual(['2020-10-11T09:00']);
    app.close();
  });
});
