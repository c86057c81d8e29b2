import { DateTime } from 'luxon';
import type { Clock } from '../kernel/clock.js';
import { UserError } from '../kernel/errors.js';
import type { Corpus } from '../corpus/corpus.js';
import { extractLetter, type ExtractedLetter } from './extract.js';
import { LedgerReader } from './reading.js';
import type { StateDirectory } from './states.js';
import type { AuditRow, LedgerStore, ResponseStatus } from './store.js';
import type { DeadlineRow, LetterDeadline, LetterForState, QuestionStatus, StateOwes } from './types.js';

export type { DeadlineRow, LetterDeadline, LetterForState, QuestionStatus, StateOwes };

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
  /** the library removed the document a tracked letter was read from: the letter stays, marked; returns its number of questions */
  markSourceRemoved?(documentId: string, actor: string): number;
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

  const read = new LedgerReader({ store, states, clock });

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
    stateName: (id) => read.stateName(id),
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
    letterDeadlines: () => read.letterDeadlines(),
    lettersOf: (stateId) => read.lettersOf(stateId),
    letterOf: (stateId, ref) => read.letterOf(stateId, ref),
    question: (stateId, label, letter) => read.question(stateId, label, letter),
    owedByState: () => read.owedByState(),
    trackedStates: () => read.trackedStates(),
    deadlines: () => read.deadlines(),
    record({ stateId, letter, numbers, status, note, actor }) {
      const l = read.letterOf(stateId, letter);
      const labels = read.questionLabels(l, letter, numbers);
      store.recordResponses({ letter: l.letter.id, stateId, labels, status, note, actor, at: nowIso() });
      return { letter: read.letterOf(stateId, l.letter.id), labels };
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
      const l = read.letterOf(stateId, letter);
      // A date a coordinator types is a day in the coalition's zone as configured now.
      const { previous } = store.setDeadline({ letter: l.letter.id, stateId, deadline: date, timezone, actor, at: nowIso() });
      return { letter: read.letterOf(stateId, l.letter.id), previous };
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
    markSourceRemoved(documentId, actor) {
      return store.markSourceRemoved(documentId, actor, nowIso());
    },
  };
}
