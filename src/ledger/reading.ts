import { daysLeft } from '../kernel/calendar.js';
import type { Clock } from '../kernel/clock.js';
import { UserError } from '../kernel/errors.js';
import { describeRange, parseQuestionNumbers } from './numbers.js';
import type { StateDirectory } from './states.js';
import type { LedgerStore, LetterRow } from './store.js';
import type { DeadlineRow, LetterDeadline, LetterForState, QuestionStatus, StateOwes } from './types.js';

/**
 * The ledger's read side: each tracked letter of a State with its questions' status and days left, one
 * question with the hint naming another letter, the deadlines and what each State owes. "Overdue" is
 * derived here from the deadline, the clock and the status; it is never stored.
 */
export class LedgerReader {
  constructor(private readonly deps: { store: LedgerStore; states: StateDirectory; clock: Clock }) {}

  stateName(id: string): string {
    return this.deps.states.byId(id)?.name ?? id;
  }

  private daysLeft(deadline: string | null, zone: string): number | null {
    return deadline ? daysLeft(deadline, this.deps.clock.now(), zone) : null;
  }

  private letterFor(letter: LetterRow, stateId: string, deadline: string | null, zone: string): LetterForState {
    const { store } = this.deps;
    const responses = new Map(store.responses(letter.id, stateId).map((r) => [r.label, r]));
    const questions = store.questions(letter.id).map((q): QuestionStatus => {
      const r = responses.get(q.label);
      return { ...q, status: r?.status ?? 'outstanding', note: r?.note ?? null, recordedBy: r?.recordedBy ?? null, recordedAt: r?.recordedAt ?? null };
    });
    return { letter, state: { id: stateId, name: this.stateName(stateId) }, deadline, timezone: zone, daysLeft: this.daysLeft(deadline, zone), questions };
  }

  /** every tracked letter of a State, most recent first */
  lettersOf(stateId: string): LetterForState[] {
    const { store } = this.deps;
    const letters = new Map(store.letters().map((l) => [l.id, l]));
    return store
      .letterStates()
      .filter((ls) => ls.stateId === stateId && letters.has(ls.letter))
      .map((ls) => this.letterFor(letters.get(ls.letter)!, stateId, ls.deadline, ls.timezone))
      .sort((a, b) => (b.letter.date ?? '').localeCompare(a.letter.date ?? '') || a.letter.id.localeCompare(b.letter.id));
  }

  /** the State's letter named by id or unique prefix, or its most recent one */
  letterOf(stateId: string, ref?: string): LetterForState {
    const all = this.lettersOf(stateId);
    if (!all.length) throw new UserError('no-letters', `No letter to ${this.stateName(stateId)} is tracked.`, 'Type `deadlines` to see the tracked States, or `track <document>` to add a letter.', { state: this.stateName(stateId) });
    if (!ref) return all[0]!;
    const wanted = ref.toLowerCase();
    const exact = all.find((l) => l.letter.id === wanted);
    if (exact) return exact;
    const matches = all.filter((l) => l.letter.id.startsWith(wanted) || l.letter.id.includes(wanted));
    if (matches.length === 1) return matches[0]!;
    const ids = all.map((l) => l.letter.id).join(', ');
    if (!matches.length) throw new UserError('unknown-letter', `${this.stateName(stateId)} has no tracked letter "${ref.slice(0, 60)}".`, `Its letters are ${ids}.`, { state: this.stateName(stateId), ref: ref.slice(0, 60), ids });
    throw new UserError('ambiguous-letter', `"${ref.slice(0, 60)}" could mean several letters.`, `Name one of ${matches.map((l) => l.letter.id).join(', ')}.`);
  }

  /**
   * Numbers that are not in the letter meant (the State's most recent, when none was named) but are in
   * exactly one of its other letters ("2.4" while seed 000 is the latest): that letter, so the error can say
   * which letter has them instead of guessing. None when a letter was named: the person chose it.
   */
  private otherLetterWith(stateId: string, current: LetterForState, named: string | undefined, fits: (labels: string[]) => boolean): string | undefined {
    if (named) return undefined;
    const others = this.lettersOf(stateId).filter((o) => o.letter.id !== current.letter.id && fits(o.questions.map((q) => q.label)));
    return others.length === 1 ? others[0]!.letter.id : undefined;
  }

  /** one question of the letter; when it is not there, the error names the State's other letter that has it */
  question(stateId: string, label: string, named?: string): { letter: LetterForState; question: QuestionStatus } {
    const l = this.letterOf(stateId, named);
    const q = l.questions.find((x) => x.label === label);
    if (q) return { letter: l, question: q };
    const other = this.otherLetterWith(stateId, l, named, (labels) => labels.includes(label));
    const also = other ? ` Question ${label} is in ${other}: add --letter ${other}.` : '';
    throw new UserError('no-such-question', `There is no question ${label.slice(0, 20)} in ${l.letter.id}.`, `Its questions are ${describeRange(l.questions.map((x) => x.label))}.${also}`, { label: label.slice(0, 20), letter: l.letter.id, range: describeRange(l.questions.map((x) => x.label)) });
  }

  /** the labels `numbers` names in the letter; when they are not there, the error names the other letter that has them */
  questionLabels(l: LetterForState, named: string | undefined, numbers: string): string[] {
    try {
      return parseQuestionNumbers(numbers, l.questions.map((q) => q.label), l.letter.id);
    } catch (err) {
      if (!(err instanceof UserError) || err.code !== 'no-such-question') throw err;
      const fits = (labels: string[]) => {
        try {
          parseQuestionNumbers(numbers, labels, '');
          return true;
        } catch {
          return false;
        }
      };
      const other = this.otherLetterWith(l.state.id, l, named, fits);
      if (!other) throw err;
      throw new UserError(err.code, err.sentence, `${err.hint ?? ''} Those numbers are in ${other}: add --letter ${other}.`.trim());
    }
  }

  letterDeadlines(): LetterDeadline[] {
    const { store } = this.deps;
    const letters = new Map(store.letters().map((l) => [l.id, l]));
    return store.letterStates().flatMap((ls): LetterDeadline[] => {
      const letter = letters.get(ls.letter);
      if (!letter) return [];
      const l = this.letterFor(letter, ls.stateId, ls.deadline, ls.timezone);
      return [
        {
          state: l.state.name,
          stateId: ls.stateId,
          letter: letter.id,
          letterTitle: letter.title,
          deadline: ls.deadline,
          timezone: ls.timezone,
          total: l.questions.length,
          outstanding: l.questions.filter((q) => q.status === 'outstanding').map((q) => ({ label: q.label, askedBy: q.askedBy })),
        },
      ];
    });
  }

  trackedStates(): { id: string; name: string }[] {
    const ids = [...new Set(this.deps.store.letterStates().map((ls) => ls.stateId))];
    return ids.map((id) => ({ id, name: this.stateName(id) })).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** what each tracked State owes, across its letters, with the nearest deadline still to meet (else the latest missed) */
  owedByState(): StateOwes[] {
    return this.trackedStates().map((s): StateOwes => {
      const letters = this.lettersOf(s.id);
      const owed = letters.reduce((n, l) => n + l.questions.filter((q) => q.status === 'outstanding').length, 0);
      const total = letters.reduce((n, l) => n + l.questions.length, 0);
      const dated = letters.filter((l) => l.deadline && l.questions.some((q) => q.status === 'outstanding')).sort((a, b) => a.deadline!.localeCompare(b.deadline!));
      const nearest = dated.find((l) => (l.daysLeft ?? -1) >= 0) ?? dated.at(-1);
      return { state: s.name, outstanding: owed, total, nearestDeadline: nearest?.deadline ?? null, daysLeft: nearest?.daysLeft ?? null, letters: letters.length };
    });
  }

  /** upcoming soonest first, then overdue most recent first, then open-ended, then complete */
  deadlines(): DeadlineRow[] {
    const rows = this.letterDeadlines().map((d): DeadlineRow => {
      const left = this.daysLeft(d.deadline, d.timezone);
      const status: DeadlineRow['status'] =
        d.outstanding.length === 0 ? 'complete' : d.deadline === null ? 'open' : left! > 0 ? 'upcoming' : left === 0 ? 'due-today' : 'overdue';
      return { state: d.state, stateId: d.stateId, letter: d.letter, title: d.letterTitle, deadline: d.deadline, timezone: d.timezone, daysLeft: left, status, outstanding: d.outstanding.length, total: d.total };
    });
    const rank = { 'due-today': 0, upcoming: 0, overdue: 1, open: 2, complete: 3 } as const;
    return rows.sort((a, b) => rank[a.status] - rank[b.status] || (a.status === 'overdue' ? (b.daysLeft ?? 0) - (a.daysLeft ?? 0) : (a.daysLeft ?? 0) - (b.daysLeft ?? 0)) || a.state.localeCompare(b.state));
  }
}
