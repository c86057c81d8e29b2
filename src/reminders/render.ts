import { DateTime } from 'luxon';
import { daysLeft, dueIn, longDate } from '../kernel/calendar.js';
import { reply, type Block, type Reply } from '../kernel/reply.js';
import { labelRanges } from '../ledger/numbers.js';
import type { LetterDeadline } from './ledger-port.js';
import { MISSED_SUMMARY, OVERDUE } from './policy.js';
import type { ReminderRow } from './store.js';

/** How many asker groups a reminder lists before "and N more": a reminder is a nudge, not the ledger. */
const MAX_GROUPS = 6;
/** Later than this, a reminder says how late it is. */
export const LATE_AFTER_MS = 15 * 60_000;

/** "1 December 2026 (in 3 days)" */
export const describeDeadline = (deadline: string, now: Date, zone: string): string => `${longDate(deadline, zone)} (${dueIn(daysLeft(deadline, now, zone), 'in')})`;

/** "1–3, 5 · I(dh)eas; Article 19": question numbers grouped by who asked them. */
export function outstandingByAsker(outstanding: LetterDeadline['outstanding']): { label: string; text: string }[] {
  const groups = new Map<string, string[]>();
  for (const q of outstanding) {
    const askers = q.askedBy.length ? q.askedBy.join('; ') : 'the coalition';
    groups.set(askers, [...(groups.get(askers) ?? []), q.label]);
  }
  return [...groups].map(([askers, labels]) => ({ label: labelRanges(labels), text: askers }));
}


/** The reminder a channel sees, from the ledger as it is at sending time. */
export function reminderReply(row: ReminderRow, d: LetterDeadline & { deadline: string }, now: Date): Reply {
  const late = now.getTime() - row.dueAt > LATE_AFTER_MS;
  const heading = row.kind === OVERDUE ? `Overdue: ${d.state} has not answered “${d.letterTitle}”` : `Reminder: ${d.state} owes answers to “${d.letterTitle}”`;
  const groups = outstandingByAsker(d.outstanding);
  const blocks: Block[] = [
    { kind: 'heading', text: heading },
    { kind: 'text', text: `Deadline: ${describeDeadline(d.deadline, now, row.zone)}. ${d.outstanding.length} of ${d.total} questions outstanding.` },
    { kind: 'progress', done: d.total - d.outstanding.length, total: d.total, label: 'Answered' },
    {
      kind: 'list',
      title: 'Outstanding questions, by who asked:',
      items: [
        ...groups.slice(0, MAX_GROUPS),
        ...(groups.length > MAX_GROUPS ? [{ label: '…', text: `and ${groups.length - MAX_GROUPS} more groups (type \`outstanding ${d.state}\`)` }] : []),
      ],
    },
  ];
  if (late) blocks.push({ kind: 'text', text: `Posted late: this reminder was due ${relative(row.dueAt, now)}.`, tone: 'muted' });
  return reply(blocks, {
    visibility: 'channel',
    thread: false,
    data: { key: row.key, state: d.state, letter: d.letter, kind: row.kind, dueAt: isoIn(row.dueAt, row.zone), late, outstanding: d.outstanding.length, total: d.total },
  });
}

export interface MissedItem {
  state: string;
  letter: string;
  letterTitle?: string;
  kind: string;
  dueAt: number;
  deadline: string | null;
  zone: string;
}

/** One message for every reminder that fell due too long ago to post on its own. */
export function missedSummaryReply(channel: string, items: MissedItem[], now: Date): Reply {
  return reply(
    [
      { kind: 'heading', text: `While I was offline, ${items.length} reminder${items.length === 1 ? '' : 's'} fell due and ${items.length === 1 ? 'was' : 'were'} not posted:` },
      {
        kind: 'list',
        items: items.slice(0, 20).map((m) => ({
          label: m.state,
          text: `${m.letterTitle ?? m.letter}: ${kindLabel(m.kind)} reminder, due ${relative(m.dueAt, now)}`,
          detail: m.deadline ? `Deadline: ${describeDeadline(m.deadline, now, m.zone)}` : undefined,
        })),
      },
      ...(items.length > 20 ? [{ kind: 'text' as const, text: `…and ${items.length - 20} more.`, tone: 'muted' as const }] : []),
      { kind: 'text', text: 'Type `outstanding` to see where every State stands now.', tone: 'muted' },
    ],
    { visibility: 'channel', thread: false, data: { channel, missed: items.length } },
  );
}

export function kindLabel(kind: string): string {
  if (kind === OVERDUE) return 'weekly overdue';
  if (kind === MISSED_SUMMARY) return 'missed reminders summary';
  if (kind === 'on-day') return 'deadline-day';
  return kind.replace(/-days$/, '-day');
}

/** "2026-12-01T09:00:00+01:00": the instant in the channel's zone, with its offset. */
export const isoIn = (ms: number, zone: string): string => DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();

export const relative = (ms: number, now: Date): string => DateTime.fromMillis(ms).toRelative({ base: DateTime.fromJSDate(now), locale: 'en' }) ?? '';
