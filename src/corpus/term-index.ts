import { englishAndSpanish, lunr } from './lunr-setup.js';

/** The fields a passage is indexed under, with lunr's boosts (see fieldsOf in search-index.ts). */
export const FIELDS = ['heading', 'label', 'text', 'source'] as const;
export type FieldName = (typeof FIELDS)[number];
/** (buildLunrIndex in search-index.ts indexes with these too: one place for both) */
export const BOOSTS: Record<FieldName, number> = { heading: 2, label: 2, text: 1, source: 0.3 };
const LABEL = FIELDS.indexOf('label');
const K1 = 1.2;
const B = 0.75;

/** A passage's words as the index keeps them: per field, each stemmed term and how often it occurs, and the field's length. */
export interface PassageTerms {
  /** per field (in FIELDS order), term → frequency */
  tf: Record<string, number>[];
  /** per field, the number of terms after stop words */
  len: number[];
}

interface Impact {
  docs: Int32Array;
  weights: Float32Array;
}
const EMPTY: Impact = { docs: new Int32Array(0), weights: new Float32Array(0) };

/** One term's list: an entry per (passage, field) it occurs in, in typed arrays that grow by doubling. */
class Posting {
  n = 0;
  pos = new Int32Array(2);
  field = new Uint8Array(2);
  tf = new Uint16Array(2);

  push(pos: number, field: number, tf: number): void {
    if (this.n === this.pos.length) {
      const size = this.n * 2;
      const grow = <T extends Int32Array | Uint8Array | Uint16Array>(a: T, make: (n: number) => T): T => {
        const b = make(size);
        b.set(a);
        return b;
      };
      this.pos = grow(this.pos, (k) => new Int32Array(k));
      this.field = grow(this.field, (k) => new Uint8Array(k));
      this.tf = grow(this.tf, (k) => new Uint16Array(k));
    }
    this.pos[this.n] = pos;
    this.field[this.n] = field;
    this.tf[this.n] = Math.min(tf, 65535);
    this.n++;
  }
}

/**
 * lunr's tokenizer and pipelines (English and Spanish stemming, stop words), without a lunr index: the index
 * keeps term frequencies itself, so adding a document costs only that document's words.
 */
export class Tokenizer {
  private readonly builder: lunr.Builder;
  readonly searchPipeline: lunr.Pipeline;

  constructor() {
    const b = new lunr.Builder();
    b.pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);
    b.searchPipeline.add(lunr.stemmer);
    b.use(englishAndSpanish);
    this.builder = b;
    this.searchPipeline = b.searchPipeline;
  }

  terms(fields: Record<FieldName, string>): PassageTerms {
    const tf: Record<string, number>[] = [];
    const len: number[] = [];
    for (const f of FIELDS) {
      const tokens = (this.builder as unknown as { tokenizer: (o: string, m: object) => lunr.Token[] }).tokenizer(fields[f], { fields: [f] });
      const terms = this.builder.pipeline.run(tokens);
      const counts: Record<string, number> = Object.create(null);
      for (const t of terms) {
        const s = t.toString();
        counts[s] = (counts[s] ?? 0) + 1;
      }
      tf.push(counts);
      len.push(terms.length);
    }
    return { tf, len };
  }
}

/**
 * An inverted index that grows one document at a time and scores exactly as lunr's BM25 field vectors do
 * (same idf, same field-length normalisation, same boosts, same rounding), so answers are those lunr gave.
 * Adding passages appends to the term lists; the weights, which depend on the whole library, are computed
 * per term when a question needs them and cached until the next change.
 */
export class TermIndex {
  private readonly postings = new Map<string, Posting>();
  private readonly lengthSums = FIELDS.map(() => 0);
  /** per passage, its field lengths (FIELDS.length entries per passage) */
  private lengths = new Uint32Array(64);
  private count = 0;
  /** the passages with words to rank (a letter's date line has none): lunr's N and average field lengths count these */
  private ranked = 0;
  private readonly impacts = new Map<string, Impact>();
  private scores = new Float64Array(0);

  get size(): number {
    return this.count;
  }

  /** Appends passages; they get the next positions. */
  add(passages: PassageTerms[]): void {
    for (const p of passages) {
      const at = this.count++;
      if (p.len.some((n) => n > 0)) this.ranked++;
      if ((at + 1) * FIELDS.length > this.lengths.length) {
        const grown = new Uint32Array(this.lengths.length * 2);
        grown.set(this.lengths);
        this.lengths = grown;
      }
      for (let f = 0; f < FIELDS.length; f++) {
        this.lengthSums[f]! += p.len[f] ?? 0;
        this.lengths[at * FIELDS.length + f] = p.len[f] ?? 0;
        for (const term in p.tf[f]) {
          let posting = this.postings.get(term);
          if (!posting) this.postings.set(term, (posting = new Posting()));
          posting.push(at, f, p.tf[f]![term]!);
        }
      }
    }
    this.impacts.clear();
  }

  /** Keeps the passages `keep` says yes to; the kept ones move up to close the gaps (order unchanged). */
  retain(keep: (position: number) => boolean): void {
    const remap = new Int32Array(this.count).fill(-1);
    let next = 0;
    for (let i = 0; i < this.count; i++) if (keep(i)) remap[i] = next++;
    for (const [term, p] of this.postings) {
      const out = new Posting();
      for (let k = 0; k < p.n; k++) {
        const to = remap[p.pos[k]!]!;
        if (to >= 0) out.push(to, p.field[k]!, p.tf[k]!);
      }
      if (out.n) this.postings.set(term, out);
      else this.postings.delete(term);
    }
    const F = FIELDS.length;
    const lengths = new Uint32Array(Math.max(64, next * F));
    for (let i = 0; i < this.count; i++) if (remap[i]! >= 0) lengths.set(this.lengths.subarray(i * F, i * F + F), remap[i]! * F);
    this.lengths = lengths;
    this.count = next;
    this.lengthSums.fill(0);
    for (let i = 0; i < next * F; i++) this.lengthSums[i % F]! += lengths[i]!;
    this.ranked = 0;
    for (let i = 0; i < next; i++) if (lengths.subarray(i * F, i * F + F).some((n) => n > 0)) this.ranked++;
    this.impacts.clear();
  }

  /** In how many passages a term has weight, in any field. */
  documentFrequency(term: string): number {
    return this.impactOf(term).docs.length;
  }

  /** The `limit` best passages for the weighted terms, best first, as [position, score]. */
  top(terms: Map<string, number>, limit: number, labelTerms: Map<string, number> = new Map()): [number, number][] {
    if (this.scores.length < this.count) this.scores = new Float64Array(this.count);
    const touched: number[] = [];
    const add = (impact: Impact, boost: number) => {
      for (let k = 0; k < impact.docs.length; k++) {
        const d = impact.docs[k]!;
        if (this.scores[d] === 0) touched.push(d);
        this.scores[d]! += impact.weights[k]! * boost;
      }
    };
    for (const [term, boost] of terms) add(this.impactOf(term), boost);
    for (const [term, boost] of labelTerms) add(this.impactOf(term, LABEL), boost);
    const ranked = touched.map((d) => [d, this.scores[d]!] as [number, number]);
    for (const d of touched) this.scores[d] = 0;
    ranked.sort((a, b) => b[1] - a[1]);
    return ranked.slice(0, limit);
  }

  /** lunr's weight of the term in each passage (summed over fields, or one field), as its field vectors hold it. */
  private impactOf(term: string, onlyField?: number): Impact {
    const key = onlyField === undefined ? term : `${onlyField}:${term}`;
    const cached = this.impacts.get(key);
    if (cached) return cached;
    const posting = this.postings.get(term);
    if (!posting) return EMPTY;
    // lunr's idf counts a passage once per field the term is in
    const x = (this.ranked - posting.n + 0.5) / (posting.n + 0.5);
    const idf = Math.log(1 + Math.abs(x));
    const sum = new Map<number, number>();
    // field by field, as lunr's lists are walked (the order ties are ranked in)
    for (let f = 0; f < FIELDS.length; f++) {
      if (onlyField !== undefined && f !== onlyField) continue;
      for (let k = 0; k < posting.n; k++) {
        if (posting.field[k] !== f) continue;
        const at = posting.pos[k]!;
        const avg = this.lengthSums[f]! / this.ranked;
        const tf = posting.tf[k]!;
        const fieldLength = this.lengths[at * FIELDS.length + f]!;
        const score = ((idf * ((K1 + 1) * tf)) / (K1 * (1 - B + B * (fieldLength / avg)) + tf)) * BOOSTS[FIELDS[f]!];
        const w = Math.round(score * 1000) / 1000;
        if (w > 0) sum.set(at, (sum.get(at) ?? 0) + w);
      }
    }
    const impact = sum.size ? { docs: Int32Array.from(sum.keys()), weights: Float32Array.from(sum.values()) } : EMPTY;
    if (this.impacts.size > 100_000) this.impacts.clear();
    this.impacts.set(key, impact);
    return impact;
  }
}
