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

