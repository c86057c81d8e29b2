/**
 * Fits the ranking model (src/corpus/rank-model.ts) on the tuning question sets, never on the held-out set:
 * every candidate passage of every answerable tuning question, its features and whether it answers; then a
 * pairwise logistic regression (an answering passage should outrank each passage of the same question that does
 * not; each question weighs the same), pulled towards the hand-set formula by an L2 penalty, solved by Newton's
 * method. Prints each set's figures left out of the fit (hand-set vs fitted), the check sets' (written after the
 * fit sets, never fitted on) and the weights. Figures, never timings.
 *
 * Run: npx tsx bench/fit-ranking.ts [--write]   (--write saves the weights to src/corpus/rank-weights.json)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Glossary } from '../src/corpus/glossary.js';
import { FEATURES, HAND_SET, WEIGHTS_FILE, type Features, type RankWeightsFile } from '../src/corpus/rank-model.js';
import { buildLunrIndex, PassageSearch } from '../src/corpus/search-index.js';
import { loadLibrary, loadSet, passageHolds, type SetName } from '../test/corpus/heldout/quality.js';

/** the sets the weights are fitted on (tuning-5 holds only silence questions, which ranking does not decide) */
const FIT_SETS: SetName[] = (process.env.FIT_SETS?.split(',') as SetName[] | undefined) ?? ['tuning', 'tuning-2', 'tuning-3', 'tuning-4', 'tuning-6', 'tuning-7', 'tuning-8', 'tuning-9', 'tuning-10', 'tuning-12', 'tuning-13'];
/** sets measured but never fitted on: tuning-11, tuning-14 and tuning-16 are read only as these aggregates (FIT_SETS, CHECK_SETS, L2 may be given in the environment to compare) */
const CHECK_SETS: SetName[] = (process.env.CHECK_SETS?.split(',') as SetName[] | undefined) ?? ['tuning-11', 'tuning-14', 'tuning-16'];
/** how strongly the weights are pulled towards the hand-set formula (1 did best with each set left out, of 0.1 to 30) */
const L2 = Number(process.env.L2 ?? 1);

interface Asked {
  set: SetName;
  /** each candidate's features, in the order of FEATURES */
  x: number[][];
  /** 1 for a candidate that answers */
  y: number[];
}

const root = fileURLToPath(new URL('../', import.meta.url));
const { passages } = loadLibrary();
const search = new PassageSearch(buildLunrIndex(passages), passages, Glossary.load(join(root, 'index-data/glossary.json')), { rankWeights: HAND_SET });
const vector = (w: Features) => FEATURES.map((f) => w[f]);

function collect(sets: SetName[]): Asked[] {
  const out: Asked[] = [];
  for (const set of sets)
    for (const q of loadSet(set)) {
      if ('expect' in q) continue;
      // every candidate (the ranking keeps 40); passages put first by rule (a letter's signature block) have no features
      const hits = search.search(q.q, 40).filter((h) => h.features);
      out.push({ set, x: hits.map((h) => vector(h.features!)), y: hits.map((h) => (q.answers.some((a) => a.doc === h.passage.doc && passageHolds(h.passage.text, a.excerpt)) ? 1 : 0)) });
    }
  return out;
}

const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);

/** R@1, R@3 and MRR (over the top 10) of the questions ranked by w; a question with no answering candidate is a miss */
function figures(qs: Asked[], w: number[]): [number, number, number] {
  let r1 = 0, r3 = 0, mrr = 0;
  for (const q of qs) {
    const order = q.x.map((x, i) => ({ s: dot(x, w), i })).sort((a, b) => b.s - a.s || a.i - b.i);
    const at = order.findIndex((o) => q.y[o.i] === 1) + 1;
    if (at === 1) r1++;
    if (at >= 1 && at <= 3) r3++;
    if (at >= 1 && at <= 10) mrr += 1 / at;
  }
  return [r1 / qs.length, r3 / qs.length, mrr / qs.length];
}

/** Solves A x = b (A symmetric positive definite, a dozen rows) by Gaussian elimination with partial pivoting. */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    [M[c], M[p]] = [M[p]!, M[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = M[r]![c]! / M[c]![c]!;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) x[r] = (M[r]![n]! - M[r]!.slice(r + 1, n).reduce((s, v, k) => s + v * x[r + 1 + k]!, 0)) / M[r]![r]!;
  return x;
}

/** Pairwise logistic regression, each question weighing the same, with L2 towards the hand-set weights. */
function fit(qs: Asked[]): number[] {
  const prior = vector(HAND_SET);
  const n = prior.length;
  // the differences (answering − not answering) of each question, and the weight of each of its pairs
  const groups = qs.flatMap((q) => {
    const pos = q.x.filter((_, i) => q.y[i] === 1);
    const neg = q.x.filter((_, i) => q.y[i] === 0);
    if (!pos.length || !neg.length) return [];
    const diffs = pos.flatMap((p) => neg.map((m) => p.map((v, k) => v - m[k]!)));
    return [{ diffs, weight: 1 / diffs.length }];
  });
  const w = [...prior];
  for (let iteration = 0; iteration < 100; iteration++) {
    const grad = w.map((v, k) => L2 * (v - prior[k]!));
    const hess = prior.map((_, r) => prior.map((_, c) => (r === c ? L2 : 0)));
    for (const { diffs, weight } of groups)
      for (const d of diffs) {
        const p = 1 / (1 + Math.exp(dot(d, w))); // the loss is log(1 + e^(−w·d))
        for (let r = 0; r < n; r++) {
          grad[r]! -= weight * p * d[r]!;
          for (let c = 0; c < n; c++) hess[r]![c]! += weight * p * (1 - p) * d[r]! * d[c]!;
        }
      }
    const step = solve(hess, grad);
    step.forEach((s, k) => (w[k]! -= s));
    if (Math.max(...step.map(Math.abs)) < 1e-7) break;
  }
  return w;
}

const fitted = collect(FIT_SETS);
const show = ([r1, r3, mrr]: number[]) => `R@1 ${r1!.toFixed(3)}  R@3 ${r3!.toFixed(3)}  MRR ${mrr!.toFixed(3)}`;
console.log(`ranking model: ${FEATURES.length} features, ${fitted.length} answerable questions in ${FIT_SETS.join(', ')}; L2 ${L2} towards the hand-set formula`);
console.log('each set left out of the fit (candidates only: a letter block put first by rule is not counted):');
const sum = [[0, 0, 0], [0, 0, 0]];
for (const set of FIT_SETS) {
  const test = fitted.filter((q) => q.set === set);
  const w = fit(fitted.filter((q) => q.set !== set));
  const hand = figures(test, vector(HAND_SET));
  const model = figures(test, w);
  hand.forEach((v, k) => (sum[0]![k]! += v * test.length));
  model.forEach((v, k) => (sum[1]![k]! += v * test.length));
  console.log(`  ${set.padEnd(9)} (${String(test.length).padStart(3)})  hand-set ${show(hand)}   fitted ${show(model)}`);
}
console.log(`  all left out      hand-set ${show(sum[0]!.map((v) => v / fitted.length))}   fitted ${show(sum[1]!.map((v) => v / fitted.length))}`);
const weights = fit(fitted);
for (const set of CHECK_SETS) {
  const check = collect([set]);
  console.log(`  ${set.padEnd(9)} (${String(check.length).padStart(3)})  hand-set ${show(figures(check, vector(HAND_SET)))}   fitted ${show(figures(check, weights))}   (never fitted on)`);
}
const result = Object.fromEntries(FEATURES.map((f, k) => [f, Math.round(weights[k]! * 1000) / 1000])) as Features;
console.log('weights:', FEATURES.map((f) => `${f} ${result[f]}`).join(', '));
if (process.argv.includes('--write')) {
  const file: RankWeightsFile = {
    $comment: `Written by bench/fit-ranking.ts (pairwise logistic regression, L2 ${L2} towards the hand-set formula) from the tuning sets named in fittedOn; never from the held-out set.`,
    fittedOn: FIT_SETS,
    weights: result,
  };
  writeFileSync(WEIGHTS_FILE, `${JSON.stringify(file, null, 2)}\n`);
  console.log(`written: ${fileURLToPath(WEIGHTS_FILE)}`);
}
