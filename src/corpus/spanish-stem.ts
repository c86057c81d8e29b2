import { fold } from './clean.js';
import { lunr, lunrWithLanguages } from './lunr-setup.js';

/**
 * A Spanish word's Snowball stem, taken before its accents are folded (Snowball's Spanish endings carry them:
 * "-ación", "-ió", "-ía") and folded after: "difamación", "difamar" → difam; "cumplió", "cumplir" → cumpl.
 * Folded first, "cumplio" kept its "-i" and "difamacion" its "-acion", and neither met its lemma.
 */
export function spanishStem(word: string): string {
  const token = new lunr.Token(word.normalize('NFC').toLowerCase(), {});
  return fold((lunrWithLanguages.es.stemmer(token, 0, []) as lunr.Token).toString());
}

/**
 * The endings whose accent Snowball needs, as a word typed without accents (on a phone) has them, and with
 * the accent they most often carry: "cumplio" → cumplió, "detencion" → detención, "tenian" → tenían.
 */
const ACCENTED_ENDINGS: [RegExp, string][] = [
  [/cion$/, 'ción'], [/sion$/, 'sión'], [/io$/, 'ió'], [/([aei])ra(n|s)?$/, '$1rá$2'], [/ia(n|s|mos)?$/, 'ía$1'],
  [/([^aeiou])o$/, '$1ó'], [/([aei])re$/, '$1ré'],
];

/**
 * How a verb's stem changes as it is conjugated, undone: "proteja" (proteger), "ofrezca" (ofrecer), "muestran"
 * (mostrar), "pierden" (perder), "piden" (pedir), "eligió" (elegir). Tried only when the word as typed is unknown.
 */
const STEM_CHANGES: [RegExp, string][] = [[/j(?=[ao])/g, 'g'], [/zc(?=[aoe])/g, 'c'], [/ue/g, 'o'], [/ie/g, 'e'], [/i/g, 'e']];

/**
 * The stems to look a Spanish word up by, the likeliest first: the word as typed; when it was typed with no
 * accent at all, as it would be spelt with the accent its ending most often carries; then with a verb's stem
 * change undone (each occurrence in turn).
 */
export function spanishStemKeys(word: string): string[] {
  const lower = word.normalize('NFC').toLowerCase();
  const spellings = [lower];
  if (fold(lower) === lower) {
    for (const [ending, accented] of ACCENTED_ENDINGS) if (ending.test(lower)) spellings.push(lower.replace(ending, accented));
  }
  const changed: string[] = [];
  for (const spelling of spellings) {
    for (const [from, to] of STEM_CHANGES) {
      for (const m of spelling.matchAll(from)) changed.push(spelling.slice(0, m.index) + to + spelling.slice(m.index + m[0].length));
    }
  }
  return [...new Set([...spellings, ...changed].map(spanishStem))];
}
