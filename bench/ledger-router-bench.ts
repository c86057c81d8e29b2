/**
 * The ledger router's quality (issue 17): how many unseen ledger phrasings (half Spanish) reach the command that
 * answers them, and how many document questions that merely mention a State or a date are wrongly sent to the
 * ledger. The phrasings were written before the router (test/talk/phrasings.ts). `npx tsx bench/ledger-router-bench.ts`
 */
import { measureRouter } from '../src/core/commands/ledger-router-measure.js';
import { DOCUMENT_QUESTIONS, LEDGER_PHRASINGS } from '../test/talk/phrasings.js';
import { bundledRouteContext } from '../test/talk/router-measure.js';

const m = measureRouter(LEDGER_PHRASINGS, DOCUMENT_QUESTIONS, bundledRouteContext());
const spanish = LEDGER_PHRASINGS.filter(([q]) => /[¿¡áéíóúñ]|^(que|qué|cuál|cuáles|muéstrame|fecha)\b/i.test(q)).length;
console.log(`ledger phrasings: ${m.ledger} (${spanish} Spanish); routed to the right command: ${(m.hitRate * 100).toFixed(1)}%`);
console.log(`document questions: ${m.documents}; sent to the ledger: ${(m.misrouteRate * 100).toFixed(1)}%`);
for (const x of m.misses) console.log(`  miss: "${x.question}" → ${x.got ?? 'document search'} (wanted ${x.want})`);
for (const x of m.misroutes) console.log(`  misroute: "${x.question}" → ${x.got}`);
