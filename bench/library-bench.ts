/**
 * The library as it grows: what adding one document costs in a library of 5 (the seeds) and of N (default 200)
 * documents of ~26 pages each, and what a question costs at N. The document added is a real 26-page UN report
 * (A/HRC/59/15, PDF: read, cut into passages, indexed, stored) and the same text as Markdown (no PDF reading: the
 * index and the database alone). The N documents are that report's text with a word of their own each.
 * Issue 13 asks that adding at N costs at most twice adding at 5.
 * Run: npx tsx --expose-gc bench/library-bench.ts [N]
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCorpus } from '../src/corpus/open.js';
import type { Library } from '../src/library/library.js';
import { readDocumentFile } from '../src/library/read.js';
import { silentLogger } from '../src/logging.js';
import { evaluationSet } from '../test/corpus/evaluation-set.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const N = Number(process.argv[2] ?? 200);
const ROUNDS = 5;
const pdf = readFileSync(join(root, 'test/library/fixtures/real/slovenia-2025-working-group-report.pdf'));
const text = (await readDocumentFile('report.pdf', pdf, { maxFileBytes: 100e6 })).text;
const questions = [
  ...evaluationSet.map((e) => e.q),
  'What did Germany encourage Slovenia to do for journalists?',
  'Which recommendation asks for a procedure for determining stateless status?',
  'What did the delegation say about prison overcrowding?',
];
const gc = (globalThis as { gc?: () => void }).gc;
const heapMB = () => {
  gc?.();
  return Math.round(process.memoryUsage().heapUsed / 2 ** 20);
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

function library(): { lib: Library; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'pw-library-bench-'));
  cpSync(join(root, 'index-data/corpus'), join(dir, 'corpus'), { recursive: true });
  const lib = openCorpus({ corpusDir: join(dir, 'corpus'), indexDataDir: join(root, 'index-data'), dataDir: join(dir, 'data'), logger: silentLogger(), maxFileBytes: 100e6 });
  return { lib, done: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The median time to add the file (then to take it out again, untimed), and of the first question after it. */
async function addCost(lib: Library, name: string, bytes: Uint8Array): Promise<{ add: number; firstAsk: number }> {
  const adds: number[] = [];
  const asks: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let t = performance.now();
    const result = await lib.add({ name, bytes }, 'bench');
    adds.push(performance.now() - t);
    if (result.error) throw new Error(result.error);
    t = performance.now();
    lib.answer(questions[r % questions.length]!, 5);
    asks.push(performance.now() - t);
    lib.remove(result.doc!, 'bench');
    lib.answer('warm', 1);
  }
  return { add: median(adds), firstAsk: median(asks) };
}

const small = library();
const smallPdf = await addCost(small.lib, 'report.pdf', pdf);
const smallMd = await addCost(small.lib, 'report.md', Buffer.from(text));
small.done();

const big = library();
let t = performance.now();
for (let k = 0; big.lib.list().length < N; k++) {
  const r = await big.lib.add({ name: `copy-${k}.md`, bytes: Buffer.from(`${text.replaceAll('Slovenia', `Testland${k.toString(36)}q`)}\n\nBench copy ${k}.\n`) }, 'bench');
  if (r.error) throw new Error(r.error);
}
const filled = performance.now() - t;
const passages = big.lib.list().reduce((n, d) => n + d.passages, 0);
const bigPdf = await addCost(big.lib, 'report.pdf', pdf);
const bigMd = await addCost(big.lib, 'report.md', Buffer.from(text));

for (const q of questions) big.lib.answer(q, 5); // warm
const times: number[] = [];
for (let r = 0; r < 5; r++) {
  for (const q of questions) {
    t = performance.now();
    big.lib.answer(q, 5);
    times.push(performance.now() - t);
  }
}
t = performance.now();
big.lib.documents();
const listing = performance.now() - t;

console.log(`library bench: adding a 26-page UN report (A/HRC/59/15) to a library of 5 and of ${N} documents (${passages} passages; filling took ${(filled / 1000).toFixed(0)} s)`);
console.log(`| added as | add at 5 | add at ${N} | ratio ${N}/5 | first ask after it, at 5 | at ${N} |`);
console.log('|---|---|---|---|---|---|');
console.log(`| PDF (read + index + store) | ${ms(smallPdf.add)} | ${ms(bigPdf.add)} | ${(bigPdf.add / smallPdf.add).toFixed(2)} | ${ms(smallPdf.firstAsk)} | ${ms(bigPdf.firstAsk)} |`);
console.log(`| Markdown (index + store) | ${ms(smallMd.add)} | ${ms(bigMd.add)} | ${(bigMd.add / smallMd.add).toFixed(2)} | ${ms(smallMd.firstAsk)} | ${ms(bigMd.firstAsk)} |`);
console.log(`ask at ${N} documents: p50 ${ms(pct(times, 50))}, p99 ${ms(pct(times, 99))} over ${times.length} questions; documents() ${ms(listing)}; heap ${heapMB()} MB`);
big.done();
