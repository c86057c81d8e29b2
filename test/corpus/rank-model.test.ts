import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEATURES, HAND_SET, loadRankWeights, rankScore, type Features } from '../../src/corpus/rank-model.js';

const passage = (f: Partial<Features>): Features => ({ ...(Object.fromEntries(FEATURES.map((k) => [k, 0])) as Features), ...f });

describe('the ranking model', () => {
  it('with the hand-set weights, scores a passage as lunr × coverage² × (0.5 + focus), ×2 for the item asked, ×1.5 when it holds the kind of answer asked', () => {
    const [lunr, coverage, focus] = [3.2, 0.6, 0.4];
    const f = passage({ lunr: Math.log(lunr), coverage: Math.log(coverage), focus: Math.log(0.5 + focus), item: 1, typed: 1, together: 0.5, covered: 1, own: 0.3 });
    expect(rankScore(f, HAND_SET)).toBeCloseTo(lunr * coverage * coverage * (0.5 + focus) * 2 * 1.5, 9);
  });

  it('ranks a passage higher for a feature with a positive weight, and not at all for one weighted 0', () => {
    const weights = { ...HAND_SET, together: 1.2 };
    expect(rankScore(passage({ together: 1 }), weights)).toBeGreaterThan(rankScore(passage({ together: 0 }), weights));
    expect(rankScore(passage({ own: 1 }), HAND_SET)).toBe(rankScore(passage({ own: 0 }), HAND_SET));
  });

  it('reads the weights in use from rank-weights.json, one for every feature', () => {
    const weights = loadRankWeights();
    expect(Object.keys(weights).sort()).toEqual([...FEATURES].sort());
  });

  it('refuses a weights file that leaves a feature out, naming it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pw-rank-')), 'rank-weights.json');
    const { own: _, ...rest } = HAND_SET;
    writeFileSync(file, JSON.stringify({ fittedOn: ['tuning'], weights: rest }));
    expect(() => loadRankWeights(file)).toThrow(/own/);
  });
});
