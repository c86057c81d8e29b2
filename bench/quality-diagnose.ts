/**
 * Where each tuning-set miss is lost (issue 16): never among the 80 passages ranked, ranked 4–80, or ranked but
 * answered with "nothing found". Tuning sets only: the held-out set is never read question by question.
 *
 *   npx tsx bench/quality-diagnose.ts [--sets=tuning-2,tuning-3] [--lang=en|es]
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Glossary } from '../src/corpus/glossary.js';
import { buildLunrIndex, PassageSearch, type Hit } from '../src/corpus/search-index.js';
import { loadLibrary, loadSet, passageHolds, type Answerable, type SetName } from '../test/corpus/heldout/quality.js';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const sets = (arg('sets') ?? 'tuning-2,tuning-3').split(',') as SetName[];
if (sets.includes('heldout')) throw new Error('the held-out set is read only as aggregates (bench/quality-bench.ts)');
const lang = arg('lang');
const root = fileURLToPath(new URL('../', import.meta.url));
const { passages } = loadLibrary();
const index = buildLunrIndex(passages);
const glossary = Glossary.load(join(root, 'index-data/glossary.json'));
const normal = new PassageSearch(index, passages, glossary);
const open = new PassageSearch(index, passages, glossary, { minCoverage: 0, minCoverageWhenSeveral: 0, listCoverage: 0 });
const where: Record<string, number> = {};
for (const set of sets) {
  for (const q of loadSet(set)) {
    if ('expect' in q || (lang && q.lang !== lang)) continue;
    const a = q as Answerable;
    const holds = (h: Hit) => a.answers.some((x) => x.doc === h.passage.doc && passageHolds(h.passage.text, x.excerpt));
    const top = normal.search(a.q, 3);
    if (top.some(holds)) continue;
    const rank = open.search(a.q, 80).findIndex(holds) + 1;
    const lost = !top.length ? (rank ? 'nothing found, answer ranked' : 'nothing found, answer not ranked') : !rank ? 'answer not among 80' : rank <= 10 ? 'answer ranked 4-10' : 'answer ranked 11-80';
    where[lost] = (where[lost] ?? 0) + 1;
    console.log(`${a.id} [${a.lang} ${a.asks}] ${lost}${rank ? ` (rank ${rank} with no threshold)` : ''}: ${a.q}`);
    console.log(`   wanted: ${a.answers[0]!.excerpt}`);
    console.log(`   first:  ${top[0] ? top[0].quote.slice(0, 120) : '(nothing found)'}`);
  }
}
console.log(where);
