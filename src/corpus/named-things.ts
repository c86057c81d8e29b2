import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import { fold } from './clean.js';

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

/** A place or year the question names: every way a passage may name it. */
export interface NamedThing {
  kind: 'country' | 'year';
  names: string[];
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
  for (const y of new Set(question.match(/(?<![\d/.-])(?:19|20)\d\d(?![\d/])/g) ?? [])) found.push({ kind: 'year', names: [y] });
  return found;
}

/** Whether `text` (already plain, with a space at each end) names the thing. */
export function mentions(text: string, thing: NamedThing): boolean {
  return thing.names.some((n) => text.includes(` ${n} `));
}
