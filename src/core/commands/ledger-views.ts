import { dueIn } from '../../kernel/calendar.js';
import type { Block, ListItem } from '../../kernel/reply.js';
import type { DeadlineRow, LetterForState, QuestionStatus } from '../../ledger/service.js';

/** How ledger facts read in chat: the ledger commands' presentation (the ledger itself knows no Reply). */

export function whenDue(deadline: string | null, daysLeft: number | null): string {
  if (!deadline) return 'open deadline (no date asked)';
  if (daysLeft === null) return `due ${deadline}`;
  return `due ${deadline} (${dueIn(daysLeft)})`;
}

export function firstLine(text: string, max = 140): string {
  const line = text.replace(/^["“]/, '').split('\n').find((l) => l.trim()) ?? '';
  return line.length > max ? line.slice(0, max - 1).trimEnd() + '…' : line;
}

export function questionDetail(q: QuestionStatus): string {
  return [
    `asked by ${q.askedBy.join('; ') || 'the coalition'}`,
    q.scope === 'all' ? 'to all candidate States' : 'to this State',
    q.duringEvent ? 'posed during the event' : null,
    q.status !== 'outstanding' ? `${q.status}${q.note ? `: ${q.note}` : ''}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** "3 answered, 1 partial, 1 declined, 31 outstanding": a partial or declined answer is not an answer. */
export function statusCounts(questions: { status: string }[]): string {
  const n = (s: string) => questions.filter((q) => q.status === s).length;
  const parts = [`${n('answered')} answered`, ...(n('partial') ? [`${n('partial')} partial`] : []), ...(n('declined') ? [`${n('declined')} declined`] : []), `${n('outstanding')} outstanding`];
  return parts.join(', ');
}

export function letterBlocks(l: LetterForState, only: 'outstanding' | 'all' = 'outstanding'): Block[] {
  const answered = l.questions.filter((q) => q.status !== 'outstanding').length;
  const shown = only === 'outstanding' ? l.questions.filter((q) => q.status === 'outstanding') : l.questions;
  const items: ListItem[] = shown.map((q) => ({ label: q.label, text: firstLine(q.text), detail: questionDetail(q) }));
  return [
    { kind: 'heading', text: `${l.state.name} · ${l.letter.title} (${l.letter.id}${l.letter.sourceRemovedAt ? ', from a removed document' : ''})` },
    { kind: 'text', text: `${whenDue(l.deadline, l.daysLeft)} · ${l.questions.length - answered} of ${l.questions.length} outstanding` },
    { kind: 'text', text: statusCounts(l.questions), tone: 'muted' },
    ...(items.length ? [{ kind: 'list' as const, items }] : [{ kind: 'text' as const, text: 'Nothing is outstanding on this letter.' }]),
  ];
}

export function deadlineItem(d: DeadlineRow): ListItem {
  const state = d.status === 'complete' ? 'all answered' : whenDue(d.deadline, d.daysLeft);
  return { label: d.state, text: `${d.letter}: ${state}`, detail: `${d.outstanding} of ${d.total} outstanding` };
}
