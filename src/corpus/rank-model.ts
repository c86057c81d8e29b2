import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * How a passage that may answer a question ranks among the others: a weighted sum of what is known of it (its
 * features), read as the logarithm of its score. The weights in use are kept in rank-weights.json (today the
 * hand-set formula below); bench/fit-ranking.ts fits them on the tuning question sets, never on the held-out set.
 */
export const FEATURES = [
  /** log of lunr's score of the passage for the question's terms (impact-scorer.ts) */
  'lunr',
  /** log of the share of what was asked (weighted by rarity) the passage holds */
  'coverage',
  /** log(0.5 + the share its best sentence holds) */
  'focus',
  /** 1 when the passage is the numbered item the question names ("question 7") */
  'item',
  /** 1 when its best sentence holds the kind of answer asked for (a number for "how many", a date for "when"); 2 for a reason asked by "why" */
  'typed',
  /** the share of the question's concepts its best sentence holds together (two of them in the asker's words) */
  'together',
  /** the share of the question's concepts it holds in the asker's or the glossary's words */
  'covered',
  /** the share of what was asked (weighted by rarity) it holds in the asker's own words */
  'own',
] as const;
export type Feature = (typeof FEATURES)[number];
export type Features = Record<Feature, number>;

/**
 * The formula the ranking used until the seventh session, set by hand: lunr's score × coverage² × (0.5 + focus),
 * × 2 for the item asked, × 1.5 for a passage holding the kind of answer asked for. The fit starts from it and is
 * pulled back towards it (see bench/fit-ranking.ts).
 */
export const HAND_SET: Features = { lunr: 1, coverage: 2, focus: 1, item: Math.log(2), typed: Math.log(1.5), together: 0, covered: 0, own: 0 };

const weightsFile = z.object({
  $comment: z.string().optional(),
  fittedOn: z.array(z.string()),
  weights: z.object(Object.fromEntries(FEATURES.map((f) => [f, z.number().finite()])) as Record<Feature, z.ZodNumber>),
});
export type RankWeightsFile = z.infer<typeof weightsFile>;

export const WEIGHTS_FILE = new URL('./rank-weights.json', import.meta.url);

export function loadRankWeights(file: URL | string = WEIGHTS_FILE): Features {
  return weightsFile.parse(JSON.parse(readFileSync(file, 'utf8'))).weights;
}

export function rankScore(f: Features, weights: Features): number {
  let sum = 0;
  for (const k of FEATURES) sum += weights[k] * f[k];
  return Math.exp(sum);
}
