import { routeToLedger, type LedgerRouteContext } from './ledger-router.js';

/** The router's hit rate on ledger phrasings and its misroute rate on document questions (test and bench share it). */
export function measureRouter(ledger: [string, string][], documents: string[], ctx: LedgerRouteContext) {
  const misses = ledger.filter(([q, want]) => routeToLedger(q, ctx) !== want).map(([q, want]) => ({ question: q, want, got: routeToLedger(q, ctx) ?? null }));
  const misroutes = documents.filter((q) => routeToLedger(q, ctx) !== undefined).map((q) => ({ question: q, got: routeToLedger(q, ctx)! }));
  return { hitRate: (ledger.length - misses.length) / ledger.length, misrouteRate: misroutes.length / documents.length, misses, misroutes, ledger: ledger.length, documents: documents.length };
}
