import { DateTime } from 'luxon';
import { daysLeft as daysUntil } from '../kernel/calendar.js';
import type { Clock } from '../kernel/clock.js';
import { UserError } from '../kernel/errors.js';
import type { Corpus } from '../corpus/corpus.js';
import { extractLetter, type ExtractedLetter } from './extract.js';
import { describeRange, parseQuestionNumbers } from './numbers.js';
import type { StateDirectory } from './states.js';
import type { AuditRow, LedgerStore, LetterRow, QuestionRow, ResponseStatus } from './store.js';

/** One tracked (letter, State) with its deadline and what is still owed: what reminders are made from. */
export interface LetterDeadline {
  state: string;
  stateId: string;
  letter: string;
  letterTitle: string;
  /** YYYY-MM-DD, the end of that day in `timezone`; null = open-ended */
  deadline: string | null;
  timezone: string;
  total: number;
  outstanding: { label: string; askedBy: string[] }[];
}

export interface QuestionStatus extends QuestionRow {
  status: ResponseStatus;
  note: string | null;
  recordedBy: string | null;
  recordedAt: string | null;
}

export interface LetterForState {
  letter: LetterRow;
  state: { id: string; name: string };
  deadline: string | null;
  timezone: string;
  /** whole days from today to the deadline in its zone: negative when overdue; null when open-ended */
  daysLeft: number | null;
  questions: QuestionStatus[];
}

export interface DeadlineRow {
  state: string;
  stateId: string;
  letter: string;
  title: string;
  deadline: string | null;
  timezone: string;
  daysLeft: number | null;
  status: 'upcoming' | 'due-today' | 'overdue' | 'open' | 'complete';
  outstanding: number;
  total: number;
}

export interface StateOwes {
  state: string;
  outstanding: number;
  total: number;
  nearestDeadline: string | null;
  daysLeft: number | null;
  letters: number;
}

export interface LedgerService {
  /** tracks the curated letters of the corpus (and refreshes tracked ones); run at start and after indexing */
  syncFromCorpus(actor?: string): { tracked: string[] };
  resolveState(nameOrAlias: string): { id: string; name: string };
  letterDeadlines(): LetterDeadline[];
  /** every tracked letter of a State, most recent first */
  lettersOf(stateId: string): LetterForState[];
  /** the State's letter named by id or unique prefix, or its most recent one */
  letterOf(stateId: string, ref?: string): LetterForState;
  /** one question of that letter; when it is not there, the error names the State's other letter that has it */
  question(stateId: string, label: string, letter?: string): { letter: LetterForState; question: QuestionStatus };
  deadlines(): DeadlineRow[];
  /** what each tracked State owes, across its letters, with the nearest deadline still to meet (else the latest missed) */
  owedByState(): StateOwes[];
  trackedStates(): { id: string; name: string }[];
  record(input: { stateId: string; letter?: string; numbers: string; status: ResponseStatus; note: string | null; actor: string }): { letter: LetterForState; labels: string[] };
  setDeadline(input: { stateId: string; letter?: string; date: string; actor: string }): { letter: LetterForState; previous: string | null };
  /** what `track` would save, without saving it */
  preview(documentId: string): ExtractedLetter;
  track(documentId: string, actor: string): ExtractedLetter;
  history(stateId: string, letter: string, label: string): AuditRow[];
  /** what changed in the ledger since `since` (the audit log), oldest first */
  changesSince(since: Date): AuditRow[];
  stateName(stateId: string): string;
}

export interface LedgerDeps {
  store: LedgerStore;
  states: StateDirectory;
  corpus: Pick<Corpus, 'documents' | 'document'>;
  clock: Clock;
  timezone: string;
}

/** The earliest year a deadline may have (the UN's founding), and how many years ahead one may be set. */
const FIRST_YEAR = 1945;
const MAX_YEARS_AHEAD = 25;

export function createLedgerService(deps: LedgerDeps): LedgerService {
  const { store, states, corpus, clock, timezone } = deps;
  const nowIso = () => clock.now().toISOString();
  const stateName = (id: string) => states.byId(id)?.name ?? id;

  const daysLeft = (deadline: string | null, zone: string): number | null => (deadline ? daysUntil(deadline, clock.now(), zone) : null);

  function letterFor(letter: LetterRow, stateId: string, deadline: string | null, zone: string): LetterForState {
    const responses = new Map(store.responses(letter.id, stateId).map((r) => [r.label, r]));
    const questions = store.questions(letter.id).map((q): QuestionStatus => {
      const r = responses.get(q.label);
      return { ...q, status: r?.status ?? 'outstanding', note: r?.note ?? null, recordedBy: r?.recordedBy ?? null, recordedAt: r?.recordedAt ?? null };
    });
    return { letter, state: { id: stateId, name: stateName(stateId) }, deadline, timezone: zone, daysLeft: daysLeft(deadline, zone), questions };
  }

  function lettersOf(stateId: string): LetterForState[] {
    const letters = new Map(store.letters().map((l) => [l.id, l]));
    return store
      .letterStates()
      .filter((ls) => ls.stateId === stateId && letters.has(ls.letter))
      .map((ls) => letterFor(letters.get(ls.letter)!, stateId, ls.deadline, ls.timezone))
      .sort((a, b) => (b.letter.date ?? '').localeCompare(a.letter.date ?? '') || a.letter.id.localeCompare(b.letter.id));
  }

  function letterOf(stateId: string, ref?: string): LetterForState {
    const all = lettersOf(stateId);
    if (!all.length) throw new UserError('no-letters', `No letter to ${stateName(stateId)} is tracked.`, 'Type `deadlines` to see the tracked States, or `track <document>` to add a letter.');
    if (!ref) return all[0]!;
    const wanted = ref.toLowerCase();
    const exact = all.find((l) => l.letter.id === wanted);
    if (exact) return exact;
    const matches = all.filter((l) => l.letter.id.startsWith(wanted) || l.letter.id.includes(wanted));
    if (matches.length === 1) return matches[0]!;
    const ids = all.map((l) => l.letter.id).join(', ');
    if (!matches.length) throw new UserError('unknown-letter', `${stateName(stateId)} has no tracked letter "${ref.slice(0, 60)}".`, `Its letters are ${ids}.`);
    throw new UserError('ambiguous-letter', `"${ref.slice(0, 60)}" could mean several letters.`, `Name one of ${matches.map((l) => l.letter.id).join(', ')}.`);
  }

  /**
   * Numbers that are not in the letter meant (the State's most recent, when none was named) but are in
   * exactly one of its other letters ("2.4" while seed 000 is the latest): that letter, so the error can say
   * which letter has them instead of guessing. None when a letter was named: the person chose it.
   */
  function otherLetterWith(stateId: string, current: LetterForState, named: string | undefined, fits: (labels: string[]) => boolean): string | undefined {
    if (named) return undefined;
    const others = lettersOf(stateId).filter((o) => o.letter.id !== current.letter.id && fits(o.questions.map((q) => q.label)));
    return others.length === 1 ? others[0]!.letter.id : undefined;
  }

  function question(stateId: string, label: string, named?: string): { letter: LetterForState; question: QuestionStatus } {
    const l = letterOf(stateId, named);
    const q = l.questions.find((x) => x.label === label);
    if (q) return { letter: l, question: q };
    const other = otherLetterWith(stateId, l, named, (labels) => labels.includes(label));
    const also = other ? ` Question ${label} is in ${other}: add --letter ${other}.` : '';
    throw new UserError('no-such-question', `There is no question ${label.slice(0, 20)} in ${l.letter.id}.`, `Its questions are ${describeRange(l.questions.map((x) => x.label))}.${also}`);
  }

  function labelsOf(l: LetterForState, stateId: string, named: string | undefined, numbers: string): string[] {
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
      const other = otherLetterWith(stateId, l, named, fits);
      if (!other) throw err;
      throw new UserError(err.code, err.sentence, `${err.hint ?? ''} Those numbers are in ${other}: add --letter ${other}.`.trim());
    }
  }

  function preview(documentId: string): ExtractedLetter {
    const doc = corpus.document(documentId) ?? corpus.documents().map((d) => corpus.document(d.id)!).find((d) => d.file === documentId);
    if (!doc) throw new UserError('unknown-document', `There is no document "${documentId.slice(0, 60)}" in the corpus.`, 'Add the file to the corpus folder and run `npx pledgewatch index`; document ids are shown in answers.');
    const extracted = extractLetter({ ...doc, kind: doc.kind === 'other' || doc.kind === 'letter' ? doc.kind : 'letter' }, states);
    if (!extracted) {
      throw new UserError('not-a-letter', `I found no numbered questions to a State in "${doc.title}".`, 'Only letters that ask a State numbered questions can be tracked.');
    }
    return extracted;
  }

  return {
    stateName,
    syncFromCorpus(actor = 'pledgewatch') {
      const tracked = new Set(store.letters().map((l) => l.id));
      const done: string[] = [];
      for (const meta of corpus.documents()) {
        // Curated letters (kind: letter in documents.json) are tracked on their own; anything else needs `track`.
        if (meta.kind !== 'letter' && !tracked.has(meta.id)) continue;
        const doc = corpus.document(meta.id);
        if (!doc) continue;
        const extracted = extractLetter(doc, states);
        if (!extracted) continue;
        store.saveLetter(extracted, timezone, actor, nowIso());
        done.push(extracted.letter);
      }
      return { tracked: done };
    },
    resolveState(nameOrAlias) {
      const s = states.resolve(nameOrAlias);
      return { id: s.id, name: s.name };
    },
    letterDeadlines() {
      const letters = new Map(store.letters().map((l) => [l.id, l]));
      return store.letterStates().flatMap((ls): LetterDeadline[] => {
        const letter = letters.get(ls.letter);
        if (!letter) return [];
        const l = letterFor(letter, ls.stateId, ls.deadline, ls.timezone);
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
    },
    lettersOf,
    letterOf,
    question,
    owedByState() {
      return this.trackedStates().map((s): StateOwes => {
        const letters = lettersOf(s.id);
        const owed = letters.reduce((n, l) => n + l.questions.filter((q) => q.status === 'outstanding').length, 0);
        const total = letters.reduce((n, l) => n + l.questions.length, 0);
        const dated = letters.filter((l) => l.deadline && l.questions.some((q) => q.status === 'outstanding')).sort((a, b) => a.deadline!.localeCompare(b.deadline!));
        const nearest = dated.find((l) => (l.daysLeft ?? -1) >= 0) ?? dated.at(-1);
        return { state: s.name, outstanding: owed, total, nearestDeadline: nearest?.deadline ?? null, daysLeft: nearest?.daysLeft ?? null, letters: letters.length };
      });
    },
    trackedStates() {
      const ids = [...new Set(store.letterStates().map((ls) => ls.stateId))];
      return ids.map((id) => ({ id, name: stateName(id) })).sort((a, b) => a.name.localeCompare(b.name));
    },
    deadlines() {
      const rows = this.letterDeadlines().map((d): DeadlineRow => {
        const left = daysLeft(d.deadline, d.timezone);
        const status: DeadlineRow['status'] =
          d.outstanding.length === 0 ? 'complete' : d.deadline === null ? 'open' : left! > 0 ? 'upcoming' : left === 0 ? 'due-today' : 'overdue';
        return { state: d.state, stateId: d.stateId, letter: d.letter, title: d.letterTitle, deadline: d.deadline, timezone: d.timezone, daysLeft: left, status, outstanding: d.outstanding.length, total: d.total };
      });
      const rank = { 'due-today': 0, upcoming: 0, overdue: 1, open: 2, complete: 3 } as const;
      // Upcoming soonest first, then overdue most recent first, then open-ended, then complete.
      return rows.sort((a, b) => rank[a.status] - rank[b.status] || (a.status === 'overdue' ? (b.daysLeft ?? 0) - (a.daysLeft ?? 0) : (a.daysLeft ?? 0) - (b.daysLeft ?? 0)) || a.state.localeCompare(b.state));
    },
    record({ stateId, letter, numbers, status, note, actor }) {
      const l = letterOf(stateId, letter);
      const labels = labelsOf(l, stateId, letter, numbers);
      store.recordResponses({ letter: l.letter.id, stateId, labels, status, note, actor, at: nowIso() });
      return { letter: letterOf(stateId, l.letter.id), labels };
    },
    setDeadline({ stateId, letter, date, actor }) {
      const parsed = DateTime.fromFormat(date, 'yyyy-MM-dd', { zone: timezone });
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !parsed.isValid) {
        throw new UserError('bad-date', `"${date.slice(0, 30)}" is not a date.`, 'Write it as YYYY-MM-DD, such as 2026-12-01.');
      }
      // Year 0000 parses; no letter to a State is due before the UN existed or generations from now.
      const latest = DateTime.fromJSDate(clock.now(), { zone: timezone }).year + MAX_YEARS_AHEAD;
      if (parsed.year < FIRST_YEAR || parsed.year > latest) {
        throw new UserError('implausible-date', `${date} is not a plausible deadline.`, `Check the year: a deadline falls between ${FIRST_YEAR} and ${latest}.`);
      }
      const l = letterOf(stateId, letter);
      // A date a coordinator types is a day in the coalition's zone as configured now.
      const { previous } = store.setDeadline({ letter: l.letter.id, stateId, deadline: date, timezone, actor, at: nowIso() });
      return { letter: letterOf(stateId, l.letter.id), previous };
    },
    preview,
    track(documentId, actor) {
      const extracted = preview(documentId);
      store.saveLetter(extracted, timezone, actor, nowIso());
      return extracted;
    },
    history(stateId, letter, label) {
      return store.history(letter, stateId, label);
    },
    changesSince(since) {
      return store.changes(since.toISOString());
    },
  };
}
