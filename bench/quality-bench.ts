/**
 * Answer quality (issue 16) on the held-out and tuning question sets, over the five seeds plus the real UN
 * documents' text (test/fixtures/real/): pledgewatch's ranking, lunr's default pipeline and plain MiniSearch,
 * the same passages and the same questions in one run. Figures, never timings.
 *
 * Run: npx tsx bench/quality-bench.ts [--misses] [--sets=tuning,tuning-2]   (--misses lists the tuning sets'
 * misses; the held-out set's misses are never listed: ranking is not changed to fix them. --sets= measures only
 * the sets named: ranking work reads the tuning sets alone)
 */
import { type Engine, type Figures, loadLibrary, loadSet, lunrDefaultEngine, miniSearchEngine, pledgewatchEngine, score, type SetName } from '../test/corpus/heldout/quality.js';

const { docs, passages } = loadLibrary();
const engines: [string, Engine][] = [
  ['pledgewatch', pledgewatchEngine(passages)],
  ['lunr default pipeline', lunrDefaultEngine(passages)],
  ['MiniSearch 7.2 defaults', miniSearchEngine(passages)],
];
const only = process.argv.find((a) => a.startsWith('--sets='))?.slice('--sets='.length).split(',') as SetName[] | undefined;
const sets: SetName[] = only ?? ['heldout', 'tuning', 'tuning-2', 'tuning-3', 'tuning-4', 'tuning-5', 'tuning-6', 'tuning-7', 'tuning-8', 'tuning-9', 'tuning-10', 'tuning-11', 'tuning-12', 'tuning-13', 'tuning-14', 'tuning-15', 'tuning-16', 'tuning-17', 'tuning-18', 'tuning-19', 'tuning-20', 'tuning-21', 'tuning-22'];

const columns: [string, (f: Figures) => number][] = [
  ['R@1', (f) => f.recallAt1],
  ['R@3', (f) => f.recallAt3],
  ['MRR', (f) => f.mrr],
  ['top3 en', (f) => f.top3En],
  ['top3 es', (f) => f.top3Es],
  ['top3 seeds', (f) => f.top3Seeds],
  ['top3 UN docs', (f) => f.top3Real],
  ['silent off-topic', (f) => f.silenceOffTopic],
  ['silent near-domain', (f) => f.silenceNearDomain],
];

const rows: string[][] = [];
const tuningMisses: string[] = [];
for (const set of sets) {
  const questions = loadSet(set);
  for (const [name, engine] of engines) {
    const f = score(questions, engine);
    rows.push([`${set} (${questions.length})`, name, ...columns.map(([, get]) => (Number.isNaN(get(f)) ? '–' : get(f).toFixed(3)))]);
    if (set !== 'heldout' && name === 'pledgewatch') tuningMisses.push(...f.misses);
  }
}

const header = ['set (questions)', 'engine', ...columns.map(([h]) => h)];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(`quality bench: ${docs.length} documents (5 seeds + ${docs.length - 5} real UN documents as text), ${passages.length} passages`);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
console.log('R@k: share of answerable questions with an answering passage in the top k; MRR over the top 10; top3 en/es/seeds/UN docs: R@3 of that slice;');
console.log('silent: share of off-topic / near-domain questions (another country, year or body) answered with nothing.');
console.log('lunr: default English pipeline, heading + text, the question tokens OR-ed. MiniSearch: defaults, heading + text. Neither has a glossary or a threshold.');
if (process.argv.includes('--misses')) console.log(`tuning sets, pledgewatch misses: ${tuningMisses.join(' ') || 'none'}`);
