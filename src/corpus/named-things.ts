import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import { fold } from './clean.js';
import { ownPickOutsideField } from './own-pick.js';

const require = createRequire(import.meta.url);
for (const lang of ['en', 'es']) countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));

/** folded, every run of other characters one space: how names are compared */
export function plain(text: string): string {
  return fold(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** country names (English and Spanish, from i18n-iso-countries) → every name of that country */
let byName: Map<string, string[]> | undefined;
let longest = 1;

function names(): Map<string, string[]> {
  if (byName) return byName;
  byName = new Map();
  const all = new Map<string, Set<string>>();
  for (const lang of ['en', 'es']) {
    for (const [code, list] of Object.entries(countries.getNames(lang, { select: 'all' }))) {
      const set = all.get(code) ?? new Set<string>();
      for (const n of list) if (n.length >= 4) set.add(plain(n));
      all.set(code, set);
    }
  }
  for (const set of all.values()) {
    const list = [...set];
    for (const n of list) {
      byName.set(n, list);
      longest = Math.max(longest, n.split(' ').length);
    }
  }
  return byName;
}

/**
 * A place or year the question names: every way a passage may name it. A 'review' is a year the question gives
 * to a review ("its 2010 review", "el EPU de 2010"): a passage names it only beside a word of reviewing, or
 * when its document is of that year (a passage that mentions "the 2010 law" does not tell of the 2010 review).
 */
export interface NamedThing {
  kind: 'country' | 'year' | 'review' | 'pick';
  /** every way of naming it; a 'pick' (see own-pick.ts) is named only with all of its words */
  names: string[];
}

/** words that make a year the year of a review (English and Spanish, folded): review, UPR, cycle, session, examen, EPU, ciclo */
const REVIEW_WORDS = new Set(['review', 'reviews', 'reviewed', 'upr', 'cycle', 'cycles', 'periodic', 'session', 'examen', 'examenes', 'epu', 'ciclo', 'ciclos', 'periodico', 'sesion']);
/** how many words apart a year and a word of reviewing may be to belong together ("first UPR back in 2010") */
const REVIEW_SPAN = 3;

/** whether `year` stands in `ws` within REVIEW_SPAN words of a word of reviewing */
function besideReview(ws: string[], year: string): boolean {
  return ws.some((w, i) => w === year && ws.slice(Math.max(0, i - REVIEW_SPAN), i + REVIEW_SPAN + 1).some((v) => REVIEW_WORDS.has(v)));
}

/**
 * The countries and years a question names ("… in Peru in 2018?", "¿… a Croacia?"). A passage answers such
 * a question only if it (or its heading or its document's title, author or year) names them too: that is
 * what keeps a question about another country or year from being answered with this corpus's passages.
 */
export function namedThings(question: string): NamedThing[] {
  const ws = plain(question).split(' ');
  const found: NamedThing[] = [];
  const map = names();
  for (let i = 0; i < ws.length; i++) {
    for (let n = Math.min(longest, ws.length - i); n >= 1; n--) {
      const list = map.get(ws.slice(i, i + n).join(' '));
      if (list) {
        found.push({ kind: 'country', names: list });
        i += n - 1;
        break;
      }
    }
  }
  const pick = ownPickOutsideField(ws);
  if (pick.length) found.push({ kind: 'pick', names: pick });
  for (const y of new Set(question.match(/(?<![\d/.-])(?:19|20)\d\d(?![\d/])/g) ?? [])) found.push({ kind: besideReview(ws, y) ? 'review' : 'year', names: [y] });
  return found;
}

/** What a passage is read as for named things: its words, and the title, author and year of its document. */
export interface Named {
  heading?: string;
  where: string;
  body: string;
  source?: string;
}

/**
 * Whether `text` (already plain, with a space at each end: the passage's heading, where, body and source) names
 * the thing; a 'review' year also needs the passage itself (see NamedThing).
 */
export function mentions(text: string, thing: NamedThing, passage?: Named): boolean {
  if (thing.kind === 'pick') return thing.names.every((n) => text.includes(` ${n} `));
  if (!thing.names.some((n) => text.includes(` ${n} `))) return false;
  if (thing.kind !== 'review' || !passage) return true;
  const year = thing.names[0]!;
  if (` ${plain(passage.source ?? '')} `.includes(` ${year} `)) return true;
  return besideReview(plain(`${passage.heading ?? ''} ${passage.where} ${passage.body}`).split(' '), year);
}
