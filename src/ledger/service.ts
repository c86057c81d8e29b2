import { DateTime } from 'luxon';
import type { Clock } from '../kernel/clock.js';
import { UserError } from '../kernel/errors.js';
import type { Corpus } from '../corpus/corpus.js';
import type { TextBlock } from '../library/model.js';
import { extractLetter } from './extract.js';
import { deadlineWarnings, findDocument, readLetter, type LetterPreview } from './read-letter.js';
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
  /** changes whenever letterDeadlines() may give something else (any process's write to the ledger) */
  deadlinesVersion(): string;
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
  /** what `track` would save, without saving it: the document named by id, file, symbol or any unique part of id or title */
  preview(documentRef: string, options?: TrackOptions): LetterPreview;
  /** saves what `preview` shows when it has questions and a recipient; a document that is not a letter saves nothing */
  track(documentRef: string, actor: string, options?: TrackOptions): LetterPreview & { saved: boolean };
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
  /** the library's document model (blocks with numbering, headings, emphasis), when the corpus is the library */
  model?: (id: string) => { blocks: TextBlock[] | null } | undefined;
  clock: Clock;
  timezone: string;
}

/** What a coordinator sets in a `track` preview: the deadline the letter gives (or a different one), as YYYY-MM-DD. */
export interface TrackOptions {
  deadline?: string;
}

/** The earliest year a deadline may have (the UN's founding), and how many years ahead one may be set. */
const FIRST_YEAR = 1945;
const MAX_YEARS_AHEAD = 25;

export function createLedgerService(deps: LedgerDeps): LedgerService {
  const { store, states, corpus, clock, timezone } = deps;
  const nowIso = () => clock.now().toISOString();

  const read = new LedgerReader({ store, states, clock });

  /** A date a coordinator types, checked: a real day, between the UN's founding and a generation from now. */
  function checkedDeadline(date: string): string {
    const parsed = DateTime.fromFormat(date, 'yyyy-MM-dd', { zone: timezone });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !parsed.isValid) {
      throw new UserError('bad-date', `"${date.slice(0, 30)}" is not a date.`, 'Write it as YYYY-MM-DD, such as 2026-12-01.', { date: date.slice(0, 30) });
    }
    // Year 0000 parses; no letter to a State is due before the UN existed or generations from now.
    const latest = DateTime.fromJSDate(clock.now(), { zone: timezone }).year + MAX_YEARS_AHEAD;
    if (parsed.year < FIRST_YEAR || parsed.year > latest) {
      throw new UserError('implausible-date', `${date} is not a plausible deadline.`, `Check the year: a deadline falls between ${FIRST_YEAR} and ${latest}.`);
    }
    return date;
  }

  function preview(documentRef: string, options: TrackOptions = {}): LetterPreview {
    const set = options.deadline === undefined ? undefined : checkedDeadline(options.deadline);
    const docs = corpus.documents();
    const meta = docs.find((d) => d.file === documentRef) ?? findDocument(documentRef, docs);
    const doc = corpus.document(meta.id);
    if (!doc) throw new UserError('unknown-document', `There is no document "${documentRef.slice(0, 60)}" in the library.`, 'Type `documents` to see the ids.');
    const found = readLetter(doc, deps.model?.(doc.id)?.blocks ?? null, states);
    if (!set || !found.questions.length) return found;
    // The coordinator's date replaces the letter's own (or fills an open one); the warning about it goes.
    const stale = new Set(deadlineWarnings(found));
    return { ...found, deadline: set, deadlineText: found.deadlineText ?? `set by a coordinator in the preview`, warnings: found.warnings.filter((w) => !stale.has(w)) };
  }

  return {
    stateName: (id) => read.stateName(id),
    syncFromCorpus(actor = 'pledgewatch') {
      const tracked = new Set(store.letters().map((l) => l.id));
      const done: string[] = [];
      for (const meta of corpus.documents()) {
        // Curated letters (kind: letter and a recipient in documents.json) are tracked on their own; anything else
        // (a kind the library guessed from a file, or a coordinator set) waits for a coordinator's `track`.
        if ((meta.kind !== 'letter' || meta.curated === false || !meta.recipient) && !tracked.has(meta.id)) continue;
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
      checkedDeadline(date);
      const l = read.letterOf(stateId, letter);
      // A date a coordinator types is a day in the coalition's zone as configured now.
      const { previous } = store.setDeadline({ letter: l.letter.id, stateId, deadline: date, timezone, actor, at: nowIso() });
      return { letter: read.letterOf(stateId, l.letter.id), previous };
    },
    preview,
    track(documentRef, actor, options) {
      const found = preview(documentRef, options);
      if (!found.questions.length) return { ...found, saved: false };
      if (!found.states.length) throw new UserError('no-recipient', `I could not tell which State “${found.title.slice(0, 80)}” is addressed to, so I cannot track it.`, 'A coordinator can add its recipient to documents.json, or ask an operator.');
      const { warnings: _warnings, ...letter } = found;
      store.saveLetter(letter, timezone, actor, nowIso());
      return { ...found, saved: true };
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
    deadlinesVersion: () => String(store.version()),
  };
}
