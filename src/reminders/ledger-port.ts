import type { LedgerService } from '../ledger/service.js';

/**
 * What the reminders need from the ledger: its deadlines (read again only when its version moved, when it
 * has one), and finding a State by name. Declared as a slice
 * of the ledger's own interface (one definition of LetterDeadline), so the reminder room can be tested with
 * a fake that provides only these two.
 */
export type { LetterDeadline } from '../ledger/service.js';
export type ReminderLedger = Pick<LedgerService, 'letterDeadlines' | 'resolveState'> & Partial<Pick<LedgerService, 'deadlinesVersion'>>;
