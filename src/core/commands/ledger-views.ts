import { dueIn } from '../../kernel/calendar.js';
import { translator, longDay, type Lang, type T } from '../../kernel/i18n.js';
import type { Block, ListItem } from '../../kernel/reply.js';
import type { DeadlineRow, LetterForState, QuestionStatus } from '../../ledger/service.js';

/** How ledger facts read in chat: the ledger commands' presentation (the ledger itself knows no Reply). */

const EN = translator('en');

/** A deadline day: as stored (YYYY-MM-DD) in English, as the language writes it otherwise ("1 de diciembre de 2026"). */
export const dayIn = (iso: string, lang: Lang): string => (lang === 'en' ? iso : longDay(iso, lang));

export function whenDue(deadline: string | null, daysLeft: number | null, t: T = EN, lang: Lang = 'en'): string {
  if (!deadline) return t('due.open');
  if (daysLeft === null) return t('due.on', { date: dayIn(deadline, lang) });
  return t('due.onIn', { date: dayIn(deadline, lang), when: dueIn(daysLeft, 'left', t) });
}

export function firstLine(text: string, max = 140): string {
  const line = text.replace(/^["“]/, '').split('\n').find((l) => l.trim()) ?? '';
  return line.length > max ? line.slice(0, max - 1).trimEnd() + '…' : line;
}

export function questionDetail(q: QuestionStatus, t: T = EN): string {
  return [
    t('ledger.askedBy', { askers: q.askedBy.join('; ') || t('ledger.theCoalition') }),
    q.scope === 'all' ? t('ledger.toAll') : t('ledger.toThis'),
    q.duringEvent ? t('ledger.duringEvent') : null,
    q.status !== 'outstanding' ? `${t(`ledger.status.${q.status}`)}${q.note ? `: ${q.note}` : ''}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** "3 answered, 1 partial, 1 declined, 31 outstanding": a partial or declined answer is not an answer. */
export function statusCounts(questions: { status: string }[], t: T = EN): string {
  const n = (s: string) => questions.filter((q) => q.status === s).length;
  const parts = [
    t('ledger.count.answered', { count: n('answered') }),
    ...(n('partial') ? [t('ledger.count.partial', { count: n('partial') })] : []),
    ...(n('declined') ? [t('ledger.count.declined', { count: n('declined') })] : []),
    t('ledger.count.outstanding', { count: n('outstanding') }),
  ];
  return parts.join(', ');
}

export function letterBlocks(l: LetterForState, only: 'outstanding' | 'all' = 'outstanding', t: T = EN, lang: Lang = 'en', pick?: (q: QuestionStatus) => boolean): Block[] {
  const answered = l.questions.filter((q) => q.status !== 'outstanding').length;
  const shown = (only === 'outstanding' ? l.questions.filter((q) => q.status === 'outstanding') : l.questions).filter((q) => !pick || pick(q));
  const items: ListItem[] = shown.map((q) => ({ label: q.label, text: firstLine(q.text), detail: questionDetail(q, t) }));
  return [
    { kind: 'heading', text: t('ledger.letterHeading', { state: l.state.name, title: l.letter.title, id: l.letter.id, removed: l.letter.sourceRemovedAt ? t('ledger.removed') : '' }) },
    { kind: 'text', text: `${whenDue(l.deadline, l.daysLeft, t, lang)} · ${t('ledger.ofOutstanding', { outstanding: l.questions.length - answered, total: l.questions.length })}` },
    { kind: 'text', text: statusCounts(l.questions, t), tone: 'muted' },
    ...(items.length ? [{ kind: 'list' as const, items }] : pick ? [] : [{ kind: 'text' as const, text: t('ledger.nothingOutstanding') }]),
  ];
}

export function deadlineItem(d: DeadlineRow, t: T = EN, lang: Lang = 'en'): ListItem {
  const state = d.status === 'complete' ? t('ledger.allAnswered') : whenDue(d.deadline, d.daysLeft, t, lang);
  return { label: d.state, text: `${d.letter}: ${state}`, detail: t('ledger.ofOutstanding', { outstanding: d.outstanding, total: d.total }) };
}
