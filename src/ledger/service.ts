/** The ledger as commands see it. (Filled in by the ledger issue.) */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LedgerService {}
