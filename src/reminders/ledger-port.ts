import { UserError } from '../core/errors.js';

/**
 * What the reminders need from the ledger. The ledger's service satisfies this structurally; keeping the
 * port here lets the reminder room be tested with a fake ledger and keeps the dependency one-way.
 */
export interface LetterDeadline {
  state: string;
  stateId: string;
  letter: string;
  letterTitle: string;
  /** YYYY-MM-DD, the end of that day in `timezone`; null for an open-ended letter */
  deadline: string | null;
  timezone: string;
  total: number;
  outstanding: { label: string; askedBy: string[] }[];
}

export interface ReminderLedger {
  letterDeadlines(): LetterDeadline[];
  /** throws a UserError naming the problem when no State has that name or alias */
  resolveState(nameOrAlias: string): { id: string; name: string };
}

/**
 * The ledger service as the reminders' port. A ledger without deadlines yet (an older build) gives an empty
 * port: nothing is planned, and naming a State says so, instead of failing at start-up.
 */
export function reminderLedgerOf(ledger: object): ReminderLedger {
  const l = ledger as Partial<ReminderLedger>;
  if (typeof l.letterDeadlines === 'function' && typeof l.resolveState === 'function') {
    return { letterDeadlines: () => l.letterDeadlines!(), resolveState: (n) => l.resolveState!(n) };
  }
  return {
    letterDeadlines: () => [],
    resolveState: () => {
      throw new UserError('no-ledger', 'The ledger of States is not available in this build.', 'Type `subscribe` without a State to get reminders for every tracked State.');
    },
  };
}
