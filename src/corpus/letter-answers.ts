import type { IndexedPassage } from './passages.js';
import { authorPassage, isLetter, isNameBlock, lastNumberedSignatory, letterBlocks, letterDateLine, writes, type BlockRole } from './letter-blocks.js';
import { words } from './question.js';

/**
 * Answers a letter gives by its layout rather than its sentences (letter-blocks.ts finds the blocks): who signed it
 * or whom it was sent to, how many signed it, when it was written. Each puts that passage first among the ranked
 * hits, or leaves them as they are.
 */

/** a ranked passage and its quote (search-index.ts's Hit, whose features these answers neither read nor set) */
export interface Hit {
  passage: IndexedPassage;
  quote: string;
  score: number;
  coverage: number;
}

/** what these answers read of the library: a document's passages, and the stemmer the index uses */
export interface Library {
  passagesOf(doc: string): IndexedPassage[];
  stem(word: string): string;
}

/** The hits with `passage` first, quoted as `quote`, at the best hit's score (and not again further down). */
function first(top: Hit[], passage: IndexedPassage, quote: string, limit: number): Hit[] {
  return [{ passage, quote, score: top[0]!.score, coverage: top[0]!.coverage }, ...top.filter((h) => h.passage !== passage)].slice(0, limit);
}

/**
 * "Who signed the letter?", "To whom was it sent?": the best-ranked letter's signature or address block first
 * (letter-blocks.ts), the block the question's own words (or the glossary's, not a synonym's) meet most (a
 * signatory's organisation) before the others;
 * "who wrote" a document that is no letter, the passage that names its author.
 */
export function withLetterBlock(top: Hit[], role: BlockRole, question: string, action: string[], asked: { phrasings: string[][]; weight: number }[], limit: number, library: Library): Hit[] {
  const holds = (tokens: Set<string>, a: { phrasings: string[][] }) => a.phrasings.some((ph) => ph.every((t) => tokens.has(t)));
  const blockOf = (doc: IndexedPassage[]) => {
    // what the letter's own prose says too describes the letter ("the NGOs' 2013 letter"), not one of its signatories;
    // read once, when a block is first scored
    let distinctive: typeof asked | undefined;
    const ofSignatories = () => {
      if (distinctive) return distinctive;
      const prose = doc.filter((p) => !isNameBlock(p.body)).map((p) => new Set(words(p.body).map(library.stem)));
      return (distinctive = asked.filter((a) => !prose.some((t) => holds(t, a))));
    };
    const meets = (p: IndexedPassage) => {
      const tokens = new Set(words(p.body).map(library.stem));
      return ofSignatories().reduce((sum, a) => sum + (holds(tokens, a) ? a.weight : 0), 0);
    };
    return letterBlocks(doc, role, question, meets)[0] ?? (role === 'signature' && writes(action) ? authorPassage(doc) : undefined);
  };
  // the best-ranked document's block; failing that, a letter's among the next two hits ("who signed the High
  // Commissioner's letter?" may rank a report that mentions the letter first)
  let block = blockOf(library.passagesOf(top[0]!.passage.doc));
  for (const hit of top.slice(1, 3)) {
    if (block) break;
    const doc = library.passagesOf(hit.passage.doc);
    if (hit.passage.doc !== top[0]!.passage.doc && isLetter(doc)) block = blockOf(doc);
  }
  return block ? first(top, block, block.body.trim(), limit) : top;
}

/** "How many groups signed the letter?": the best-ranked letter's last numbered signatory first (its number is the count) */
export function withSignatoryCount(top: Hit[], question: string, limit: number, library: Library): Hit[] {
  const last = lastNumberedSignatory(library.passagesOf(top[0]!.passage.doc), question);
  return last ? first(top, last, `${last.number}. ${last.body.trim()}`, limit) : top;
}

/**
 * "When did the NGOs send the 2013 letter?": the date line of the letter the question describes first. The letters
 * among the ranked hits (`ranked`, best first) are weighed by how much of what was asked their title, author and
 * year say ("the NGO open letter to HRC candidates" is the 2013 open letter, not the 2020 letter of questions that
 * ranked above it); the best-ranked wins a tie.
 */
export function withLetterDate(top: Hit[], limit: number, library: Library, ranked: Hit[] = top, asked: { phrasings: string[][]; weight: number }[] = []): Hit[] {
  let best: { line: IndexedPassage; said: number } | undefined;
  const seen = new Set<string>();
  for (const hit of ranked.slice(0, 10)) {
    const doc = hit.passage.doc;
    if (seen.has(doc)) continue;
    seen.add(doc);
    const line = letterDateLine(library.passagesOf(doc));
    if (!line) continue;
    const described = new Set(words(hit.passage.source ?? '').map(library.stem));
    const said = asked.reduce((sum, a) => sum + (a.phrasings.some((ph) => ph.every((t) => described.has(t))) ? a.weight : 0), 0);
    if (!best || said > best.said) best = { line, said };
  }
  return best ? first(top, best.line, best.line.body.trim(), limit) : top;
}
