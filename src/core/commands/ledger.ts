import type { Command } from '../registry.js';

/** Ledger commands: filled in by the ledger issue. */
export const ledgerCommands: Command[] = [];
