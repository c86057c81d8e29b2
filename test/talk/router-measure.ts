import { join } from 'node:path';
import { StateDirectory } from '../../src/ledger/states.js';
import type { LedgerRouteContext } from '../../src/core/commands/ledger-router.js';

/** The router's context as the bundled ledger gives it: Mexico is the one tracked State. */
export function bundledRouteContext(): LedgerRouteContext {
  const states = new StateDirectory(join(import.meta.dirname, '..', '..', 'index-data', 'states.json'));
  return { tracked: ['Mexico'], stateOf: (w) => states.find(w)?.name };
}
