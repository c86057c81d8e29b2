import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCorpus } from '../../src/corpus/open.js';
import { silentLogger } from '../../src/logging.js';
import { tempDir } from '../fakes/temp-dir.js';
import { evaluationSet } from './evaluation-set.js';

const indexData = fileURLToPath(new URL('../../index-data', import.meta.url));
const flat = (s: string) => s.replace(/\s+/g, ' ');

/** Floors: raise them as answers improve, never lower them to make a change pass. */
const FLOOR = { recallAt1: 0.83, recallAt3: 0.91, mrr: 0.88 };

describe('the evaluation set', () => {
  it('is at least 40 questions: a quarter Spanish, a quarter paraphrased or acronyms, a few unanswerable', () => {
    const n = evaluationSet.length;
    const count = (k: string) => evaluationSet.filter((e) => e.kind === k).length;
    expect(n).toBeGreaterThanOrEqual(40);
    expect(count('spanish')).toBeGreaterThanOrEqual(n / 4);
    expect(count('paraphrase')).toBeGreaterThanOrEqual(n / 4 - count('spanish') / 4); // Spanish ones are paraphrases too
    expect(count('paraphrase')).toBeGreaterThanOrEqual(10);
    expect(count('none')).toBeGreaterThanOrEqual(3);
  });

  it('finds the answering passage: recall@1, recall@3 and MRR above their floors', () => {
    const corpus = openCorpus({ corpusDir: join(indexData, 'corpus'), indexDataDir: indexData, dataDir: tempDir(), logger: silentLogger() });
    let at1 = 0;
    let at3 = 0;
    let rr = 0;
    const misses: string[] = [];
    for (const e of evaluationSet) {
      const answers = corpus.answer(e.q, 5);
      let rank: number;
      if (!e.answer) rank = answers.length === 0 ? 1 : 0;
      else {
        const wanted = [e.answer.contains].flat();
        rank = answers.findIndex((a) => a.document.id === e.answer!.doc && wanted.some((w) => flat(a.passage.text).includes(w))) + 1;
      }
      if (rank === 1) at1++;
      if (rank >= 1 && rank <= 3) at3++;
      if (rank >= 1) rr += 1 / rank;
      if (rank !== 1) misses.push(`  ${rank ? `rank ${rank}` : 'missed'}: ${e.q}`);
    }
    const n = evaluationSet.length;
    const result = { recallAt1: at1 / n, recallAt3: at3 / n, mrr: rr / n };
    console.log(`evaluation over ${n} questions: recall@1 ${result.recallAt1.toFixed(3)}, recall@3 ${result.recallAt3.toFixed(3)}, MRR ${result.mrr.toFixed(3)}\n${misses.join('\n')}`);
    expect(result.recallAt1).toBeGreaterThanOrEqual(FLOOR.recallAt1);
    expect(result.recallAt3).toBeGreaterThanOrEqual(FLOOR.recallAt3);
    expect(result.mrr).toBeGreaterThanOrEqual(FLOOR.mrr);
  });

  it('answers the Spanish journalists question with the Special Rapporteur’s passage first', () => {
    const corpus = openCorpus({ corpusDir: join(indexData, 'corpus'), indexDataDir: indexData, dataDir: tempDir(), logger: silentLogger() });
    const [first] = corpus.answer('¿Cuántos periodistas fueron asesinados en México entre 2000 y 2016?', 5);
    expect(first?.document.id).toBe('sr-hrd-2017-mexico-statement');
    expect(first?.quote).toBe('Between 2000 and 2016, at least 120 journalists were killed mostly in the states of Veracruz, Oaxaca, Tamaulipas, Guerrero and Chihuahua.');
  });
});
