import { DateTime } from 'luxon';
import { daysLeft, dueIn, longDate } from '../kernel/calendar.js';
import { reply, type Block, type Reply } from '../kernel/reply.js';
import { localeOf, translator, type Lang } from '../kernel/i18n.js';
import { labelRanges } from '../ledger/numbers.js';
import type { LetterDeadline } from './ledger-port.js';
import { MISSED_SUMMARY, OVERDUE } from './policy.js';
import type { ReminderRow } from './store.js';

/** How many asker groups a reminder lists before "and N more": a reminder is a nudge, not the ledger. */
const MAX_GROUPS = 6;
/** Later than this, a reminder says how late it is. */
export const LATE_AFTER_MS = 15 * 60_000;

/** "1 December 2026 (in 3 days)" */
export const describeDeadline = (deadline: string, now: Date, zone: string, lang: Lang = 'en'): string =>
  translator(lang)('reminder.when', { date: longDate(deadline, zone, lang), when: dueIn(daysLeft(deadline, now, zone), 'in', translator(lang)) });

/** "1–3, 5 · I(dh)eas; Article 19": question numbers grouped by who asked them. */
export function outstandingByAsker(outstanding: LetterDeadline['outstanding'], lang: Lang = 'en'): { label: string; text: string }[] {
  const groups = new Map<string, string[]>();
  for (const q of outstanding) {
    const askers = q.askedBy.length ? q.askedBy.join('; ') : translator(lang)('ledger.theCoalition');
    groups.set(askers, [...(groups.get(askers) ?? []), q.label]);
  }
  return [...groups].map(([askers, labels]) => ({ label: labelRanges(labels), text: askers }));
}


/** The reminder a channel sees, from the ledger as it is at sending time. */
export function reminderReply(row: ReminderRow, d: LetterDeadline & { deadline: string }, now: Date, lang: Lang = 'en'): Reply {
  const t = translator(lang);
  const late = now.getTime() - row.dueAt > LATE_AFTER_MS;
  const heading = t(row.kind === OVERDUE ? 'reminder.headingOverdue' : 'reminder.heading', { state: d.state, title: d.letterTitle });
  const groups = outstandingByAsker(d.outstanding, lang);
  const blocks: Block[] = [
    { kind: 'heading', text: heading },
    { kind: 'text', text: t('reminder.deadline', { deadline: describeDeadline(d.deadline, now, row.zone, lang), outstanding: d.outstanding.length, total: d.total }) },
    { kind: 'progress', done: d.total - d.outstanding.length, total: d.total, label: t('reminder.answered') },
    {
      kind: 'list',
      title: t('reminder.byAsker'),
      items: [
        ...groups.slice(0, MAX_GROUPS),
        ...(groups.length > MAX_GROUPS ? [{ label: '…', text: t('reminder.moreGroups', { count: groups.length - MAX_GROUPS, command: `${lang === 'es' ? 'pendientes' : 'outstanding'} ${d.state}` }) }] : []),
      ],
    },
  ];
  if (late) blocks.push({ kind: 'text', text: t('reminder.late', { when: relative(row.dueAt, now, lang) }), tone: 'muted' });
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
export function missedSummaryReply(channel: string, items: MissedItem[], now: Date, lang: Lang = 'en'): Reply {
  const t = translator(lang);
  return reply(
    [
      { kind: 'heading', text: t('reminder.missed', { count: items.length }) },
      {
        kind: 'list',
        items: items.slice(0, 20).map((m) => ({
          label: m.state,
          text: t('reminder.missedItem', { letter: m.letterTitle ?? m.letter, kind: kindLabel(m.kind, lang), when: relative(m.dueAt, now, lang) }),
          detail: m.deadline ? t('reminder.deadlineOnly', { deadline: describeDeadline(m.deadline, now, m.zone, lang) }) : undefined,
        })),
      },
      ...(items.length > 20 ? [{ kind: 'text' as const, text: t('reminder.missedMore', { count: items.length - 20 }), tone: 'muted' as const }] : []),
      { kind: 'text', text: t('reminder.missedHint'), tone: 'muted' },
    ],
    { visibility: 'channel', thread: false, data: { channel, missed: items.length } },
  );
}

export function kindLabel(kind: string, lang: Lang = 'en'): string {
  const t = translator(lang);
  if (kind === OVERDUE) return t('reminder.kind.overdue');
  if (kind === MISSED_SUMMARY) return t('reminder.kind.summary');
  if (kind === 'on-day') return t('reminder.kind.onDay');
  const n = /^(\d+)-days?$/.exec(kind);
  return n ? t('reminder.kind.before', { count: Number(n[1]) }) : kind;
}

/** "2026-12-01T09:00:00+01:00": the instant in the channel's zone, with its offset. */
export const isoIn = (ms: number, zone: string): string => DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();

export const relative = (ms: number, now: Date, lang: Lang = 'en'): string => DateTime.fromMillis(ms).toRelative({ base: DateTime.fromJSDate(now), locale: lang === 'en' ? 'en' : localeOf(lang) }) ?? '';
