import type { lunr } from './lunr-setup.js';

interface Impact {
  docs: Int32Array;
  weights: Float32Array;
}
const EMPTY: Impact = { docs: new Int32Array(0), weights: new Float32Array(0) };

type LunrInternals = {
  invertedIndex: Record<string, Record<string, Record<string, unknown>> & { _index: number }>;
  fieldVectors: Record<string, { elements: number[] }>;
  fields: string[];
};

/**
 * Ranks passages from a lunr index's own data (its inverted index and its BM25 field weights, boosts
 * included) without lunr's query machinery. lunr's `Index.query` builds match data and a vector similarity
 * for every passage a term touches, which at 36 000 passages costs about 100 ms a question; summing the same
 * weights from per-term lists (built once per term, then cached) costs about 1 ms. Passage refs must be
 * their position in the passage list ("0", "1", …), as buildLunrIndex makes them.
 */
export class ImpactScorer {
  private readonly impacts = new Map<string, Impact>();
  private readonly scores: Float64Array;
  /** lunr's structures, until every list is built and they can go (see compact) */
  private index: LunrInternals | undefined;

  constructor(index: lunr.Index, passageCount: number) {
    this.index = index as unknown as LunrInternals;
    this.scores = new Float64Array(passageCount);
  }

  /**
   * Builds the list of every term now and lets lunr's inverted index and field vectors go: about 25 MB
   * instead of 300 MB at 36 000 passages (lunr keeps an object per term, field and passage).
   */
  compact(): void {
    const index = this.index;
    if (!index) return;
    this.impacts.clear();
    for (const term of Object.keys(index.invertedIndex)) {
      this.impactOf(term);
      if (/^\d{1,3}$/.test(term)) this.impactOf(term, ['label']);
    }
    this.index = undefined;
  }

  /** In how many passages a term occurs, in any field. */
  documentFrequency(term: string): number {
    return this.impactOf(term).docs.length;
  }

  /**
   * The `limit` best passages for the weighted terms, best first, as [position, score]. `terms` is a flat
   * map of weighted terms (each adds), or concepts: ways of saying one thing, each a map of weighted terms,
   * of which a passage scores only its best (a passage saying "killed", "murdered" and "assassinated" is
   * not three times as relevant to "killed" as one saying "killed").
   */
  top(terms: Map<string, number> | Map<string, number>[][], limit: number, labelTerms: Map<string, number> = new Map()): [number, number][] {
    const touched: number[] = [];
    const add = (impact: Impact, boost: number) => {
      for (let k = 0; k < impact.docs.length; k++) {
        const d = impact.docs[k]!;
        if (this.scores[d] === 0) touched.push(d);
        this.scores[d]! += impact.weights[k]! * boost;
      }
    };
    if (terms instanceof Map) for (const [term, boost] of terms) add(this.impactOf(term), boost);
    else for (const concept of terms) this.addBest(concept, touched);
    for (const [term, boost] of labelTerms) add(this.impactOf(term, ['label']), boost);
    const ranked = touched.map((d) => [d, this.scores[d]!] as [number, number]);
    for (const d of touched) this.scores[d] = 0;
    // a partial selection would do; a sort of the touched passages stays well under a millisecond here
    ranked.sort((a, b) => b[1] - a[1]);
    return ranked.slice(0, limit);
  }

  /** Adds, for each passage, the score of the phrasing of one concept it matches best. */
  private addBest(phrasings: Map<string, number>[], touched: number[]): void {
    const best = new Map<number, number>();
    for (const phrasing of phrasings) {
      const sum = new Map<number, number>();
      for (const [term, boost] of phrasing) {
        const impact = this.impactOf(term);
        for (let k = 0; k < impact.docs.length; k++) sum.set(impact.docs[k]!, (sum.get(impact.docs[k]!) ?? 0) + impact.weights[k]! * boost);
      }
      for (const [d, v] of sum) if (v > (best.get(d) ?? 0)) best.set(d, v);
    }
    for (const [d, v] of best) {
      if (this.scores[d] === 0) touched.push(d);
      this.scores[d]! += v;
    }
  }

  private impactOf(term: string, fields?: string[]): Impact {
    const key = fields ? `${fields.join(',')}:${term}` : term;
    let impact = this.impacts.get(key);
    if (impact) return impact;
    if (!this.index) return EMPTY; // compacted: every term of the corpus has its list already
    const entry = Object.hasOwn(this.index.invertedIndex, term) ? this.index.invertedIndex[term] : undefined;
    const sum = new Map<number, number>();
    if (entry) {
      const termIndex = entry._index;
      for (const field of fields ?? this.index.fields) {
        if (!Object.hasOwn(entry, field)) continue;
        const posting = entry[field];
        if (!posting) continue;
        for (const ref of Object.keys(posting)) {
          const vector = this.index.fieldVectors[`${field}/${ref}`];
          const w = vector ? weightOf(vector.elements, termIndex) : 0;
          if (w > 0) sum.set(Number(ref), (sum.get(Number(ref)) ?? 0) + w);
        }
      }
    }
    if (!sum.size) return EMPTY; // words the corpus does not have are not kept
    impact = { docs: Int32Array.from(sum.keys()), weights: Float32Array.from(sum.values()) };
    this.impacts.set(key, impact);
    return impact;
  }
}

/** lunr keeps a vector as [index, value, index, value, …] sorted by index: binary search the pair. */
function weightOf(elements: number[], termIndex: number): number {
  let lo = 0;
  let hi = elements.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = elements[mid * 2]!;
    if (at === termIndex) return elements[mid * 2 + 1]!;
    if (at < termIndex) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}
