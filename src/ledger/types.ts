import type { LetterRow, QuestionRow, ResponseStatus } from './store.js';

/** What the ledger tells about letters, States and their questions: the shapes its readers get. */

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
