/**
 * Question answering at three corpus sizes: as shipped (×1), ×10 and ×100 (distinct copies of every passage;
 * ×100 is about 36 000 passages, a large coalition library). For lunr (our search: glossary, coverage check,
 * quote picking) and MiniSearch indexing the same passages and answering the same questions in the same run:
 * index build time, saved-index load time (lunr JSON parse + Index.load + per-term lists), answer latency p50/p99 over the evaluation questions, and
 * the heap the index holds. Run: npx tsx --expose-gc bench/corpus-bench.ts [scales…]   (default 1 10 100)
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { fold } from '../src/corpus/clean.js';
import { loadDocuments } from '../src/corpus/documents.js';
import { Glossary } from '../src/corpus/glossary.js';
import { lunr } from '../src/corpus/lunr-setup.js';
import { splitPassages, type IndexedPassage } from '../src/corpus/passages.js';
import { buildLunrIndex, PassageSearch } from '../src/corpus/search-index.js';
import { evaluationSet } from '../test/corpus/evaluation-set.js';

const indexData = fileURLToPath(new URL('../index-data', import.meta.url));
const scales = process.argv.slice(2).map(Number).filter((n) => n > 0);
if (!scales.length) scales.push(1, 10, 100);
const ROUNDS = 20;

const gc = (globalThis as { gc?: () => void }).gc;
const heapMB = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const docs = loadDocuments(join(indexData, 'corpus'), join(indexData, 'documents.json'));
const base = docs.flatMap(splitPassages);
const glossary = Glossary.load(join(indexData, 'glossary.json'));
const questions = evaluationSet.map((e) => e.q);

/** Copy k of every passage: the same words plus one made-up word of its own, so no two copies are equal. */
function scaled(times: number): IndexedPassage[] {
  if (times === 1) return base;
  const out: IndexedPassage[] = [];
  for (let k = 0; k < times; k++) {
    const tag = `copy${k.toString(36)}q`;
    for (const p of base) out.push({ ...p, id: `${p.id}~${k}`, text: `${p.text} ${tag}`, body: `${p.body} ${tag}` });
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function latencies(answer: (q: string) => unknown, rounds = ROUNDS): { p50: number; p99: number } {
  for (const q of questions) answer(q); // warm up caches and the JIT
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const t = performance.now();
      answer(q);
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

interface Row {
  scale: string;
  passages: number;
  engine: string;
  buildMs: number;
  loadMs?: number;
  p50: number;
  p99: number;
  heapMB: number;
}
const rows: Row[] = [];

for (const times of scales) {
  const passages = scaled(times);
  const before = heapMB();

  // lunr builds the index; the bot saves it and loads it at start
  let t = performance.now();
  let index: lunr.Index | undefined = buildLunrIndex(passages);
  const lunrBuild = performance.now() - t;
  let json: string | undefined = JSON.stringify(index);
  index = undefined;

  // the same search through lunr's own Index.query, to show what the per-term lists save
  const queryLat = ((saved: string) => {
    const viaQuery = new PassageSearch(lunr.Index.load(JSON.parse(saved)), passages, glossary, { scorer: 'lunr' });
    return latencies((q) => viaQuery.search(q, 5), 3);
  })(json);

  // as the bot runs it: load the saved index, build the per-term lists, let lunr's structures go
  t = performance.now();
  let search: PassageSearch | undefined = new PassageSearch(lunr.Index.load(JSON.parse(json)), passages, glossary);
  const lunrLoad = performance.now() - t;
  json = undefined;
  const lunrLat = latencies((q) => search!.search(q, 5));
  const lunrHeap = heapMB() - before;
  rows.push({ scale: `×${times}`, passages: passages.length, engine: 'pledgewatch (lunr index)', buildMs: lunrBuild, loadMs: lunrLoad, ...lunrLat, heapMB: lunrHeap });
  rows.push({ scale: `×${times}`, passages: passages.length, engine: '  same, via lunr query', buildMs: lunrBuild, ...queryLat, heapMB: NaN });
  search = undefined;

  // MiniSearch on the same passages (same fields and boosts, folded text), answering the same questions
  const before2 = heapMB();
  t = performance.now();
  let mini: MiniSearch | undefined = new MiniSearch({
    fields: ['heading', 'label', 'text'],
    storeFields: [],
    processTerm: (term) => fold(term),
    searchOptions: { boost: { heading: 2, label: 2 }, combineWith: 'OR' },
  });
  mini.addAll(passages.map((p, i) => ({ id: i, heading: p.heading ?? '', label: p.number ? p.where.replace(/^.*· /, '') : '', text: p.body })));
  const miniBuild = performance.now() - t;
  const miniLat = latencies((q) => mini!.search(q).slice(0, 5));
  const miniHeap = heapMB() - before2;
  rows.push({ scale: `×${times}`, passages: passages.length, engine: 'MiniSearch 7.2', buildMs: miniBuild, ...miniLat, heapMB: miniHeap });
  mini = undefined;
}

const f = (n: number | undefined, d = 1) => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(d));
const header = ['scale', 'passages', 'engine', 'build ms', 'load ms', 'p50 ms', 'p99 ms', 'index heap MB'];
const table = rows.map((r) => [r.scale, String(r.passages), r.engine, f(r.buildMs, 0), f(r.loadMs, 0), f(r.p50, 2), f(r.p99, 2), f(r.heapMB, 1)]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(`corpus bench: ${questions.length} questions × ${ROUNDS} rounds per engine and scale (3 via lunr query); Node ${process.version}${gc ? '' : ' (no --expose-gc: heap figures are rough)'}`);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of table) console.log(line(row));
console.log('pledgewatch: glossary-widened question, lunr BM25 weights summed from cached per-term lists, coverage check, quote picking.');
console.log('MiniSearch: the raw question, default tokenizer, folded terms, same fields and boosts; no glossary, no threshold, no quote.');
console.log(`process heap at the end: ${heapMB().toFixed(0)} MB; rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
