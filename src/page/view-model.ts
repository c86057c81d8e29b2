import { DateTime } from 'luxon';
import type { LedgerService, LetterForState } from '../ledger/service.js';
import { isSensitive, maskAskers } from '../ledger/privacy.js';
import type { ResponseStatus } from '../ledger/store.js';

/** What the page shows, as data: built from the same LedgerService the chat commands read. */

export const STATUSES: ResponseStatus[] = ['answered', 'partial', 'declined', 'outstanding'];

export interface Filters {
  state?: string;
  letter?: string;
  status?: ResponseStatus;
}

export type Counts = Record<ResponseStatus, number> & { total: number };

export interface Asker {
  name: string;
  /** shown on screen to a coordinator, replaced by the mask when printed */
  sensitive: boolean;
}

export interface QuestionView {
  label: string;
  text: string;
  section: string | null;
  status: ResponseStatus;
  askers: Asker[];
  note: string | null;
  /** the recorded answer, when the note holds an http(s) link */
  link: string | null;
  history: { at: string; action: string; by: string; detail: string | null }[];
}

export interface LetterView {
  id: string;
  title: string;
  deadline: string | null;
  daysLeft: number | null;
  counts: Counts;
  questions: QuestionView[];
}

export interface StateView {
  id: string;
  name: string;
  counts: Counts;
  letters: LetterView[];
}

export interface TimelineItem {
  deadline: string;
  daysLeft: number;
  state: string;
  stateId: string;
  letter: string;
  outstanding: number;
  total: number;
}

export interface ChangeItem {
  at: string;
  state: string | null;
  letter: string | null;
  label: string | null;
  action: string;
  detail: string | null;
}

export interface PageModel {
  now: string;
  timezone: string;
  filters: Filters;
  choices: { states: { id: string; name: string }[]; letters: { id: string; title: string }[] };
  states: StateView[];
  timeline: TimelineItem[];
  changes: ChangeItem[];
}

export interface ModelDeps {
  ledger: LedgerService;
  now: Date;
  timezone: string;
  /** the sensitive askers' keys (askerKey) */
  sensitive: Set<string>;
  /** whether sensitive names may be on screen (a coordinator's session) */
  reveal: boolean;
}

/** The filters a URL asks for, keeping only values that exist (anything else is ignored, never echoed). */
export function readFilters(query: Record<string, string | undefined>, ledger: LedgerService): Filters {
  const states = ledger.trackedStates();
  const state = states.find((s) => s.id === query.state)?.id;
  const letters = new Set(ledger.deadlines().map((d) => d.letter));
  const letter = query.letter && letters.has(query.letter) ? query.letter : undefined;
  const status = STATUSES.find((s) => s === query.status);
  return { state, letter, status };
}

export function countsOf(statuses: ResponseStatus[]): Counts {
  const c: Counts = { answered: 0, partial: 0, declined: 0, outstanding: 0, total: statuses.length };
  for (const s of statuses) c[s]++;
  return c;
}

const sum = (cs: Counts[]): Counts => cs.reduce((a, c) => ({ answered: a.answered + c.answered, partial: a.partial + c.partial, declined: a.declined + c.declined, outstanding: a.outstanding + c.outstanding, total: a.total + c.total }), countsOf([]));

/** An http(s) link in a note, or null: a note's `javascript:` or `data:` "link" never becomes one. */
export function answerLink(note: string | null): string | null {
  const m = note ? /\bhttps?:\/\/[^\s<>"]+/i.exec(note) : null;
  if (!m) return null;
  try {
    const u = new URL(m[0].replace(/[).,;]+$/, ''));
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function historyDetail(action: string, detail: Record<string, unknown>): string | null {
  if (action === 'deadline') return `deadline ${String(detail.from ?? 'none')} → ${String(detail.to)}`;
  if (typeof detail.note === 'string' && detail.note) return detail.note;
  return null;
}

export function buildModel(deps: ModelDeps, filters: Filters): PageModel {
  const { ledger, now, timezone, sensitive, reveal } = deps;
  const askers = (names: string[]): Asker[] =>
    reveal ? names.map((name) => ({ name, sensitive: isSensitive(name, sensitive) })) : maskAskers(names, sensitive).map((name) => ({ name, sensitive: false }));

  const tracked = ledger.trackedStates();
  const letterView = (l: LetterForState): LetterView => {
    const questions = l.questions.filter((q) => !filters.status || q.status === filters.status);
    return {
      id: l.letter.id,
      title: l.letter.title,
      deadline: l.deadline,
      daysLeft: l.daysLeft,
      counts: countsOf(l.questions.map((q) => q.status)),
      questions: questions.map((q) => ({
        label: q.label,
        text: q.text,
        section: q.section,
        status: q.status,
        askers: askers(q.askedBy),
        note: q.note,
        link: answerLink(q.note),
        history: ledger
          .history(l.state.id, l.letter.id, q.label)
          .filter((h) => h.label === q.label || h.action === 'deadline')
          .map((h) => ({ at: h.at, action: h.action, by: h.actor, detail: historyDetail(h.action, h.detail) })),
      })),
    };
  };
  const states: StateView[] = tracked
    .filter((s) => !filters.state || s.id === filters.state)
    .map((s) => {
      const letters = ledger.lettersOf(s.id).filter((l) => !filters.letter || l.letter.id === filters.letter).map(letterView);
      return { id: s.id, name: s.name, counts: sum(letters.map((l) => l.counts)), letters };
    })
    .filter((s) => s.letters.length);

  const rows = ledger.deadlines();
  const timeline = rows
    .filter((d): d is typeof d & { deadline: string; daysLeft: number } => d.deadline !== null && d.daysLeft !== null && d.daysLeft >= -30 && d.daysLeft <= 90)
    .filter((d) => (!filters.state || d.stateId === filters.state) && (!filters.letter || d.letter === filters.letter))
    .map((d) => ({ deadline: d.deadline, daysLeft: d.daysLeft, state: d.state, stateId: d.stateId, letter: d.letter, outstanding: d.outstanding, total: d.total }))
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.state.localeCompare(b.state));

  const weekAgo = DateTime.fromJSDate(now).minus({ days: 7 }).toJSDate();
  const changes = ledger
    .changesSince(weekAgo)
    .filter((c) => (!filters.state || c.stateId === filters.state || c.stateId === null) && (!filters.letter || c.letter === filters.letter))
    .reverse()
    .slice(0, 100)
    .map((c) => ({ at: c.at, state: c.stateId ? ledger.stateName(c.stateId) : null, letter: c.letter, label: c.label, action: c.action, detail: historyDetail(c.action, c.detail) }));

  const letterChoices = new Map<string, string>();
  for (const d of rows) if (!filters.state || d.stateId === filters.state) letterChoices.set(d.letter, d.title);
  return {
    now: now.toISOString(),
    timezone,
    filters,
    choices: { states: tracked, letters: [...letterChoices].map(([id, title]) => ({ id, title })).sort((a, b) => a.id.localeCompare(b.id)) },
    states,
    timeline,
    changes,
  };
}
